namespace FactCheck.Web.Features.Api;

/// <summary>The API's RFC 9457 problem details: bad input names its parameter, and nothing the reader sends becomes a 500.</summary>
public static class ApiProblems
{
    public static IResult InvalidParameter(string name, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [name] = [message] },
            detail: message,
            title: $"Invalid parameter: {name}");

    public static IResult InvalidParameters(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
            detail: string.Join(" ", errors.Values),
            title: "Invalid parameter: " + string.Join(", ", errors.Keys));

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what}.");
}
