using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// Conditional GET for the API and the ClaimReview feeds: every answer carries an ETag and a Last-Modified, and a
/// request whose If-None-Match names the current ETag (or, without one, whose If-Modified-Since is not older
/// than the Last-Modified) gets 304 with no body. JSON bodies get a strong ETag from a hash of their bytes: the
/// body is built anyway, and hashing it costs microseconds beside the queries (decisions/public-api.md).
/// </summary>
public static class ConditionalGet
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The body as JSON with its ETag, or 304 when the client already holds it.</summary>
    public static IResult Json<T>(HttpContext context, T body, DateTime? lastModifiedUtc)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, options);
        return NotModified(context, StrongETag(bytes), lastModifiedUtc) ?? Results.Bytes(bytes, JsonContentType);
    }

    /// <summary>A strong ETag for exactly these bytes: the first 128 bits of their SHA-256.</summary>
    public static string StrongETag(ReadOnlySpan<byte> body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body)[..16]) + "\"";

    /// <summary>
    /// Sets ETag and Last-Modified, then answers 304 when the request's validators match them, or returns null
    /// for the caller to write the body.
    /// </summary>
    public static IResult? NotModified(HttpContext context, string etag, DateTime? lastModifiedUtc)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        DateTimeOffset? lastModified = null;
        if (lastModifiedUtc is { } utc)
        {
            // HTTP dates have whole seconds; a finer stamp would always look newer than the client's copy.
            var seconds = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
            lastModified = DateTimeOffset.FromUnixTimeSeconds(seconds);
            response.GetTypedHeaders().LastModified = lastModified;
        }

        return IsNotModified(context.Request, etag, lastModified) ? Results.StatusCode(StatusCodes.Status304NotModified) : null;
    }

    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var headers = request.GetTypedHeaders();

        // RFC 9110 13.1.2: If-None-Match decides alone when present, with the weak comparison GET uses.
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var current = EntityTagHeaderValue.Parse(etag);
            return headers.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }

        return lastModified is { } modified && headers.IfModifiedSince is { } since && modified <= since;
    }
}
