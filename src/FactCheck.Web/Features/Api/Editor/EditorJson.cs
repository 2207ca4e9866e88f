using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>
/// Reads a request's JSON body with the site's JSON options, and turns anything that is not the expected
/// object (no body, not JSON, a string where a number belongs) into a 400 naming where it went wrong, rather
/// than the framework's bare 400.
/// </summary>
public static class EditorJson
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "JSON expected",
                detail: "Send the body as JSON with Content-Type: application/json."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, EditorProblems.Invalid("body", "Send a JSON object."))
                : (value, null);
        }
        catch (BadHttpRequestException e)
        {
            // The server refused the body itself: most often over the size limit (413), or a client that stopped
            // sending it. Its status, not a 500.
            return (null, TypedResults.Problem(
                statusCode: e.StatusCode,
                title: e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Body too large" : "Unreadable body",
                detail: e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"Nothing was saved: the body is over the editors' API's limit of {EditorApiEndpoints.MaxBodyBytes / 1024} KB."
                    : "Nothing was saved: the body could not be read."));
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [where] = [$"Not valid here: {FirstLine(e.Message)}"] },
                detail: "Nothing was saved: the body is not the JSON object this operation takes.",
                title: "Invalid JSON body"));
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
