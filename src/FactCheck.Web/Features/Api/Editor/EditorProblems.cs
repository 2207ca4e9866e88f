using FactCheck.Web.Features.Account;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>The editors' API's RFC 9457 answers: field messages keyed by the JSON field they are about.</summary>
public static class EditorProblems
{
    /// <summary>400 with every message under its field's JSON name ("rating", "evidenceIds"); a message about the claim itself under "claim".</summary>
    public static IResult Invalid(IReadOnlyList<FieldMessage> messages, string formField = "claim", IReadOnlyDictionary<string, string>? renames = null)
    {
        var errors = messages
            .GroupBy(m => renames?.GetValueOrDefault(m.Field) ?? JsonName(m.Field, formField))
            .ToDictionary(g => g.Key, g => g.Select(m => m.Text).ToArray());
        return TypedResults.ValidationProblem(
            errors,
            detail: "Nothing was saved: " + string.Join(" ", messages.Select(m => m.Text)),
            title: "Invalid fields: " + string.Join(", ", errors.Keys));
    }

    public static IResult Invalid(string field, string message) => Invalid([new FieldMessage(field, message)]);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>404 for a claim id the API does not know; retracted and merged claims are not the desk's to edit either.</summary>
    public static IResult NoClaim(int claimId) =>
        NotFound(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"There is no claim {claimId} (or it was retracted or merged)."));

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static IResult PreconditionRequired(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required", detail: detail);

    /// <summary>"EvidenceIds" as "evidenceIds": the desk's field names are the input's C# properties.</summary>
    public static string JsonName(string field, string formField = "claim") =>
        field.Length == 0 ? formField : char.ToLowerInvariant(field[0]) + field[1..];
}
