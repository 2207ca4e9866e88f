using System.Net;
using System.Security.Claims;
using System.Text.Json;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Api;

/// <summary>
/// What the desk does shows in the API at once, and only what it publishes: drafts and verdicts in review never
/// appear, a publication changes the claim's ETag (through the output cache), a retracted claim answers 410 and a
/// merged one 301. Its own site, since it writes.
/// </summary>
[Trait("Database", "Both")]
public sealed class ApiPublicationTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>, IDisposable
{
    private static readonly ClaimsPrincipal Editor = User("api-writer@example.com", DeskRoles.Editor);
    private static readonly ClaimsPrincipal Chief = User("api-chief@example.com", DeskRoles.ChiefEditor);

    private readonly HttpClient _client = app.CreateHttpClient();

    [Fact]
    public async Task Drafts_never_appear_and_a_published_verdict_shows_at_once_under_a_new_ETag()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-publication");
        var url = $"/api/claims/{claim.Id}";
        await ApiTestClient.GetOkJsonAsync(_client, url);
        var (unrated, before) = await ApiTestClient.GetJsonAsync(_client, url);
        var etag = unrated.Headers.ETag!;

        // Served from the output cache, so what follows shows that a publication evicts it.
        Assert.NotNull(unrated.Headers.Age);
        unrated.Dispose();
        Assert.Equal(JsonValueKind.Null, before.GetProperty("currentVerdict").ValueKind);

        const string Headline = "Reprisal killings are documented, says the API test";
        var input = new VerdictDraftInput
        {
            Rating = "false",
            Headline = Headline,
            ClaimReviewed = "Nobody who served the old government was harmed",
            Rationale = "Human Rights Watch documented killings of former officials.",
            EvidenceIds = [claim.ContradictingEvidenceId],
        };
        var saved = await ApplyAsync(claim, DeskAction.SaveDraft, input, null, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, saved.Kind);
        await AssertUnpublishedAsync(url, etag, Headline);

        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, saved.Draft!.Version, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        await AssertUnpublishedAsync(url, etag, Headline);
        var draftId = await app.QueryAsync(db => db.Verdicts.Where(v => v.ClaimId == claim.Id).Select(v => v.Id).SingleAsync());
        using (var hidden = await _client.GetAsync(new Uri($"/api/verdicts/{draftId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, Chief)).Kind);

        var (published, after) = await ApiTestClient.GetJsonAsync(_client, url, request => request.Headers.IfNoneMatch.Add(etag));
        using (published)
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            Assert.Null(published.Headers.Age);
            Assert.NotEqual(etag, published.Headers.ETag);
            Assert.Equal(Headline, after.GetProperty("currentVerdict").GetProperty("headline").GetString());
            Assert.Equal("false", after.GetProperty("currentVerdict").GetProperty("rating").GetProperty("slug").GetString());
        }

        var verdicts = await ApiTestClient.GetOkJsonAsync(_client, "/api/verdicts?pageSize=5");
        Assert.Equal(Headline, verdicts.GetProperty("items")[0].GetProperty("headline").GetString());
        Assert.Equal(Headline, (await ApiTestClient.GetOkJsonAsync(_client, $"/api/verdicts/{draftId}")).GetProperty("headline").GetString());
    }

    [Fact]
    public async Task A_retracted_claim_answers_410_with_date_and_reason_and_a_merged_one_301_to_the_survivor()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var retracted = await DeskClaims.CreateUnratedAsync(app, "api-retracted");
        var merged = await DeskClaims.CreateUnratedAsync(app, "api-merged");
        var retractedAt = new DateTime(2026, 3, 4, 10, 0, 0, DateTimeKind.Utc);
        await app.QueryAsync(async db =>
        {
            var gone = await db.Claims.IgnoreQueryFilters().SingleAsync(c => c.Id == retracted.Id);
            gone.RetractedAtUtc = retractedAt;
            gone.RetractionReason = "The statement was attributed to the wrong person.";
            gone.RetractedBy = "api-chief@example.com";
            var duplicate = await db.Claims.IgnoreQueryFilters().SingleAsync(c => c.Id == merged.Id);
            duplicate.MergedIntoId = balki.Id;
            duplicate.MergedAtUtc = retractedAt;
            return await db.SaveChangesAsync();
        });

        var (goneResponse, problem) = await ApiTestClient.GetJsonAsync(_client, $"/api/claims/{retracted.Id}");
        using (goneResponse)
        {
            Assert.Equal(HttpStatusCode.Gone, goneResponse.StatusCode);
            Assert.Equal("application/problem+json", goneResponse.Content.Headers.ContentType?.MediaType);
            Assert.Equal("The statement was attributed to the wrong person.", problem.GetProperty("reason").GetString());
            Assert.Equal(retractedAt, problem.GetProperty("retractedAtUtc").GetDateTime().ToUniversalTime());
            Assert.Contains("4 March 2026", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var moved = await _client.GetAsync(new Uri($"/api/claims/{merged.Id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(new Uri(app.BaseAddress, $"/api/claims/{balki.Id}"), moved.Headers.Location);
        }

        var listed = await AllClaimIdsAsync();
        Assert.Contains(balki.Id, listed);
        Assert.DoesNotContain(retracted.Id, listed);
        Assert.DoesNotContain(merged.Id, listed);
        using var evidence = await _client.GetAsync(new Uri($"/api/evidence/{retracted.ContradictingEvidenceId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, evidence.StatusCode);
    }

    public void Dispose() => _client.Dispose();

    private async Task AssertUnpublishedAsync(string url, System.Net.Http.Headers.EntityTagHeaderValue etag, string headline)
    {
        // The claim reads exactly as before, so the client's copy is still current.
        var (response, _) = await ApiTestClient.GetJsonAsync(_client, url, request => request.Headers.IfNoneMatch.Add(etag));
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }

        string? next = "/api/verdicts?pageSize=100";
        while (next is not null)
        {
            var page = await ApiTestClient.GetOkJsonAsync(_client, next);
            Assert.DoesNotContain(headline, page.GetRawText(), StringComparison.Ordinal);
            next = page.GetProperty("next").GetString();
        }
    }

    private async Task<HashSet<int>> AllClaimIdsAsync()
    {
        var ids = new HashSet<int>();
        string? next = "/api/claims?pageSize=100";
        while (next is not null)
        {
            var page = await ApiTestClient.GetOkJsonAsync(_client, next);
            ids.UnionWith(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()));
            next = page.GetProperty("next").GetString();
        }

        return ids;
    }

    private async Task<DeskOutcome> ApplyAsync(TestClaim claim, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(claim.Id, action, input, baseVersion, user);
    }

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.Name, email), new System.Security.Claims.Claim(ClaimTypes.Role, role)], "test"));
}
