using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>A draft as the editors' API carries it: rating slug, headline, rationale, evidence ids.</summary>
public sealed record DraftBody(string Rating, string Headline, string Rationale, IReadOnlyList<int> EvidenceIds)
{
    public JsonObject ToJson() => new()
    {
        ["rating"] = Rating,
        ["headline"] = Headline,
        ["rationale"] = Rationale,
        ["evidenceIds"] = new JsonArray([.. EvidenceIds.Select(id => (JsonNode)id)]),
    };

    public static DraftBody? FromJson(JsonNode? node) => node is JsonObject o
        ? new DraftBody(
            (string?)o["rating"] ?? "",
            (string?)o["headline"] ?? "",
            (string?)o["rationale"] ?? "",
            o["evidenceIds"] is JsonArray ids ? [.. ids.Select(i => (int)i!)] : [])
        : null;

    public bool SameAs(DraftBody other) =>
        Rating == other.Rating && Headline == other.Headline && Rationale == other.Rationale && EvidenceIds.Order().SequenceEqual(other.EvidenceIds.Order());
}

/// <summary>What one call answered: status (null when no answer came: refused, reset, timed out), ETag, body.</summary>
public sealed record ApiAnswer(HttpStatusCode? Status, string? ETag, JsonNode? Body, string? Failure)
{
    public int Code => Status is { } s ? (int)s : 0;
}

/// <summary>One editor's client of `/api/editor`: their personal token as `Authorization: Bearer`.</summary>
public sealed class EditorApiClient(HttpClient http, string token)
{
    public Task<ApiAnswer> GetDraftAsync(int claimId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/editor/claims/{claimId}/draft", null, null, cancellationToken);

    public Task<ApiAnswer> PutDraftAsync(int claimId, DraftBody draft, string? ifMatch, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"api/editor/claims/{claimId}/draft", draft.ToJson(), ifMatch, cancellationToken);

    public Task<ApiAnswer> RevisionsAsync(int claimId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/editor/claims/{claimId}/revisions", null, null, cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, JsonNode body, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body, null, cancellationToken);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    json = JsonValue.Create(text);
                }
            }

            var etag = response.Headers.ETag?.ToString()
                ?? (response.Headers.TryGetValues("ETag", out var raw) ? raw.FirstOrDefault() : null);
            return new ApiAnswer(response.StatusCode, etag, json, null);
        }
        catch (HttpRequestException e)
        {
            return new ApiAnswer(null, null, null, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiAnswer(null, null, null, "timeout");
        }
    }
}
