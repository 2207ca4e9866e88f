using System.Net;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Performance;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Feeds;

/// <summary>
/// The feeds and sitemaps read the database a fixed number of times however many claims there are: the
/// benchmark archive has 100,000, and one query per claim would be 100,000 round trips per fetch. Its own
/// site (the query counter's, with the output cache off), because it adds claims.
/// </summary>
[Trait("Database", "Both")]
public sealed class ClaimReviewFeedScaleTests(QueryCountAppFactory app) : IClassFixture<QueryCountAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    private static readonly string[] Paths =
        ["/feeds/claimreview.jsonld", "/feeds/claimreview-markup.json", "/sitemap.xml", "/sitemaps/claims-1.xml", "/sitemaps/pages-1.xml"];

    [Fact]
    public async Task Feeds_and_sitemaps_issue_the_same_queries_however_many_claims_are_reviewed()
    {
        var before = new Dictionary<string, int>();
        foreach (var path in Paths)
        {
            before[path] = (await CommandsForAsync(path)).Count;
        }

        // The newest revision for the ETag, the documents, the appearances, then the verdicts with their claims: one
        // batch, as there are fewer than ClaimReviewFeedService.BatchSize (5,000) reviewed claims; 100,000 would add one query per batch.
        Assert.Equal(3, before["/feeds/claimreview.jsonld"]);
        Assert.Equal(3, before["/feeds/claimreview-markup.json"]);
        Assert.Equal(1, before["/sitemaps/claims-1.xml"]);

        await AddReviewedClaimsAsync(5);
        var feed = await _client.GetStringAsync(new Uri("/feeds/claimreview.jsonld", UriKind.Relative));
        Assert.Contains("Scale test claim 4", feed, StringComparison.Ordinal);

        foreach (var path in Paths)
        {
            Assert.Equal(before[path], (await CommandsForAsync(path)).Count);
        }
    }

    public void Dispose() => _client.Dispose();

    private Task<int> AddReviewedClaimsAsync(int count) =>
        app.QueryAsync(async db =>
        {
            var claimant = await db.Claimants.OrderBy(c => c.Id).FirstAsync();
            var passage = await db.Passages.OrderBy(p => p.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                var claim = new Claim
                {
                    Key = $"scale-test-{i}",
                    Slug = $"scale-test-claim-{i}",
                    Quote = $"Scale test claim {i}",
                    Summary = $"Scale test claim {i}",
                    ClaimantId = claimant.Id,
                    SaidOn = ReportedDate.Day(2022, 1, i + 1),
                    CreatedAtUtc = DateTime.UtcNow,
                };
                claim.Appearances.Add(new ClaimAppearance { PassageId = passage.Id });
                claim.Verdicts.Add(new Verdict
                {
                    Rating = (Rating)(i % 7),
                    Headline = "Scale test",
                    RationaleMarkdown = "Scale test.",
                    Author = "Scale test desk",
                    AsOf = ReportedDate.Day(2022, 2, i + 1),
                    Status = VerdictStatus.Published,
                    CreatedAtUtc = DateTime.UtcNow,
                    PublishedAtUtc = DateTime.UtcNow,
                });
                db.Claims.Add(claim);
            }

            return await db.SaveChangesAsync();
        });

    private async Task<IReadOnlyList<string>> CommandsForAsync(string path)
    {
        _ = app.BaseAddress;
        while (app.Commands.TryDequeue(out _))
        {
        }

        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}");
        await response.Content.ReadAsStringAsync();
        return app.Commands.Where(c => c.Request == path).Select(c => c.Sql).ToList();
    }
}

/// <summary>
/// The feeds are output-cached like the Atom feed ("feeds/…" in the reader policy) and evicted by the same
/// saves: a published change must show in the next fetch, not after the cache's expiry. Its own site, because
/// it changes a verdict.
/// </summary>
[Trait("Database", "Both")]
public sealed class ClaimReviewFeedFreshnessTests(FactCheckAppFactory app) : IClassFixture<FactCheckAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    [Fact]
    public async Task A_saved_verdict_shows_in_the_next_fetch_of_both_feeds()
    {
        var paths = new[] { "/feeds/claimreview.jsonld", "/feeds/claimreview-markup.json" };
        foreach (var path in paths)
        {
            Assert.DoesNotContain("Freshly reviewed", await GetTwiceAsync(path), StringComparison.Ordinal);
        }

        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        await app.QueryAsync(async db =>
        {
            var verdict = await db.Verdicts.Where(v => v.ClaimId == balki.Id && v.Status == VerdictStatus.Published).NewestFirst().FirstAsync();
            verdict.ClaimReviewed = "Freshly reviewed";
            return await db.SaveChangesAsync();
        });

        foreach (var path in paths)
        {
            Assert.Contains("Freshly reviewed", await _client.GetStringAsync(new Uri(path, UriKind.Relative)), StringComparison.Ordinal);
        }
    }

    public void Dispose() => _client.Dispose();

    // The second fetch is the one the cache would answer.
    private async Task<string> GetTwiceAsync(string path)
    {
        await _client.GetStringAsync(new Uri(path, UriKind.Relative));
        return await _client.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}
