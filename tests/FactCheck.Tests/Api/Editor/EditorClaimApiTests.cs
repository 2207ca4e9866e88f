using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Api.Editor;

/// <summary>New claims and evidence through the editors' API, seen afterwards where editors and readers look; and the API's own description.</summary>
[Trait("Database", "Both")]
public sealed class EditorClaimApiTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task A_claim_and_its_evidence_created_through_the_API_are_on_the_desk_and_in_the_public_API()
    {
        using var client = await EditorApiClient.ForNewAccountAsync(app, "api-reporter@example.com", DeskRoles.Editor);
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var sourceId = balki.Evidence[0].SourceId;
        var text = await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync());
        var quote = UniqueSpan(text, text.Length / 3, 70);
        var passage = UniqueSpan(text, text.Length * 2 / 3, 90);

        var created = await client.PostAsync("/api/editor/claims", new { sourceId, quote, speaker = "Api Test Speaker", summary = "An API test claim about the archive." });

        Assert.Equal(201, created.Status);
        var claimId = created.Json.GetProperty("id").GetInt32();
        Assert.Equal($"/api/claims/{claimId}", created.Location!.AbsolutePath);
        using var reader = app.CreateHttpClient();
        using (var publicClaim = await reader.GetAsync(created.Location))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, publicClaim.StatusCode);
        }

        var evidence = await client.PostAsync($"/api/editor/claims/{claimId}/evidence", new { sourceId, passage, stance = "contradicts", organization = "Api Test Organisation", note = "Read against the claim." });

        Assert.Equal(201, evidence.Status);
        var evidenceId = evidence.Json.GetProperty("id").GetInt32();
        Assert.Equal($"/api/evidence/{evidenceId}", evidence.Location!.AbsolutePath);
        Assert.Equal(409, (await client.PostAsync($"/api/editor/claims/{claimId}/evidence", new { sourceId, passage, stance = "supports", organization = "Twice" })).Status);

        await app.AddUserAsync("api-desk-viewer@example.com", DeskRoles.Editor);
        using var session = await app.SignInAsync("api-desk-viewer@example.com");
        var desk = await session.GetPageAsync($"/editor/claims/{claimId}/verdict");
        Assert.Contains("Api Test Organisation", desk.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("An API test claim about the archive.", desk.Body.TextContent, StringComparison.Ordinal);
        var revisionAuthors = await app.QueryAsync(db => db.Revisions
            .Where(r => (r.EntityType == "Claim" && r.EntityId == claimId) || (r.EntityType == "Evidence" && r.EntityId == evidenceId))
            .Select(r => r.Author).ToListAsync());
        Assert.Equal(["api-reporter@example.com", "api-reporter@example.com"], revisionAuthors);

        var draft = await client.PutJsonAsync(EditorApiClient.DraftPath(claimId), new
        {
            rating = "false",
            headline = "API test: the archive says otherwise",
            rationale = "The cited passage contradicts it.",
            evidenceIds = new[] { evidenceId },
        }, "\"none\"");
        Assert.Equal(200, draft.Status);
    }

    [Fact]
    public async Task Bad_claims_and_evidence_get_400_at_their_fields_and_nothing_is_saved()
    {
        using var client = await EditorApiClient.ForNewAccountAsync(app, "api-careless@example.com", DeskRoles.Editor);
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var sourceId = balki.Evidence[0].SourceId;
        var claimsBefore = await app.QueryAsync(db => db.Claims.CountAsync());
        var evidenceBefore = await app.QueryAsync(db => db.Evidence.CountAsync());

        var claim = await client.PostAsync("/api/editor/claims", new { sourceId, quote = "words that are nowhere in this document at all", claimant = "no-such-claimant", saidOn = "yesterday" });
        Assert.Equal(400, claim.Status);
        Assert.Single(claim.Errors("quote"));
        Assert.Single(claim.Errors("claimant"));
        Assert.Single(claim.Errors("saidOn"));
        Assert.Equal(400, (await client.PostAsync("/api/editor/claims", new { quote = "x" })).Status);

        var evidence = await client.PostAsync($"/api/editor/claims/{balki.Id}/evidence", new { sourceId, passage = balki.Evidence[0].Exact, stance = "maybe" });
        Assert.Equal(400, evidence.Status);
        Assert.Single(evidence.Errors("stance"));
        Assert.Single(evidence.Errors("organization"));
        Assert.Equal(404, (await client.PostAsync($"/api/editor/claims/{int.MaxValue}/evidence", new { sourceId })).Status);

        Assert.Equal(claimsBefore, await app.QueryAsync(db => db.Claims.CountAsync()));
        Assert.Equal(evidenceBefore, await app.QueryAsync(db => db.Evidence.CountAsync()));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_editors_operations_with_the_Bearer_scheme_and_the_docs_page_lists_them()
    {
        using var reader = app.CreateHttpClient();
        var document = await Api.ApiTestClient.GetOkJsonAsync(reader, "/openapi/v1.json");

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        var put = paths.GetProperty("/api/editor/claims/{id}/draft").GetProperty("put");
        Assert.Equal("Editors", put.GetProperty("tags")[0].GetString());
        Assert.True(put.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        foreach (var status in new[] { "200", "400", "401", "412", "428" })
        {
            Assert.True(put.GetProperty("responses").TryGetProperty(status, out _), $"PUT draft documents no {status}");
        }

        Assert.True(paths.GetProperty("/api/editor/claims/{id}/draft/publish").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/editor/claims").TryGetProperty("post", out _));
        Assert.False(paths.GetProperty("/api/claims/{id}").GetProperty("get").TryGetProperty("security", out _));

        var docs = await reader.GetStringAsync(new Uri("/api/docs", UriKind.Relative));
        Assert.Contains("Editors", docs, StringComparison.Ordinal);
        Assert.Contains("/api/editor/claims/{id}/draft", docs, StringComparison.Ordinal);
    }

    /// <summary>A run of the text near <paramref name="from"/> without line breaks that occurs nowhere else in it.</summary>
    private static string UniqueSpan(string text, int from, int length)
    {
        for (var start = from; start + length < text.Length; start++)
        {
            var candidate = text.Substring(start, length);
            if (!candidate.Contains('\n', StringComparison.Ordinal) && !candidate.Contains('\r', StringComparison.Ordinal)
                && text.IndexOf(candidate, StringComparison.Ordinal) == text.LastIndexOf(candidate, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The seeded document has no unique passage there.");
    }
}
