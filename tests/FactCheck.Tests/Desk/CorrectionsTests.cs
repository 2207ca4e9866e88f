using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Desk;

/// <summary>
/// A published verdict that replaces an earlier one is announced where readers of the earlier one look: the
/// claim page, the corrections log and the feeds, including pages the output cache already held.
/// </summary>
[Trait("Database", "Both")]
public sealed class CorrectionsTests(CorrectionsTests.CorrectionsApp app) : WebTestBase(app), IClassFixture<CorrectionsTests.CorrectionsApp>
{
    public sealed class CorrectionsApp : FactCheckAppFactory;

    private const string Note = "A leaked ministry list shows dismissals after the amnesty was announced.";

    [Fact]
    public async Task A_superseding_verdict_shows_its_correction_on_the_claim_page_the_corrections_log_and_the_feeds()
    {
        var claim = await SeededClaims.LoadAsync(App, "balki-amnesty-fully-committed");
        var earlier = await App.QueryAsync(db => db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == claim.Id && v.Status == VerdictStatus.Published)
            .OrderByDescending(v => v.AsOf.Date).ThenByDescending(v => v.PublishedAtUtc)
            .Select(v => v.Rating).FirstAsync());
        var rating = earlier == Rating.False ? Rating.MostlyFalse : Rating.False;

        // Cached before the correction: what an eviction has to replace.
        Assert.Empty((await GetPageAsync(claim.Path)).QuerySelectorAll(".verdict .correction"));
        Assert.Contains("No published verdict has been corrected yet.", (await GetPageAsync("/corrections")).QuerySelector("main")?.TextContent, StringComparison.Ordinal);

        var now = DateTime.UtcNow;
        var verdictId = await App.QueryAsync(async db =>
        {
            var verdict = new Verdict
            {
                ClaimId = claim.Id,
                Rating = rating,
                Headline = "The amnesty was not kept",
                RationaleMarkdown = "Dismissals followed the announcement.",
                Author = "FactCheck desk",
                AsOf = new ReportedDate(DateOnly.FromDateTime(now), DatePrecision.Day),
                Status = VerdictStatus.Published,
                CreatedAtUtc = now,
                PublishedAtUtc = now,
                CorrectionNote = Note,
            };
            db.Verdicts.Add(verdict);
            db.Attribution = new ChangeAttribution("chief@example.org", "Published a correction");
            await db.SaveChangesAsync();
            return verdict.Id;
        });
        var day = now.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        var notice = (await GetPageAsync(claim.Path)).QuerySelector(".verdict .correction");
        Assert.NotNull(notice);
        Assert.Equal("Correction", notice.QuerySelector("h3")?.TextContent);
        Assert.Contains(Note, notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), notice.QuerySelector("time")?.GetAttribute("datetime"));
        Assert.Contains(day, notice.TextContent, StringComparison.Ordinal);

        var log = await GetPageAsync("/corrections");
        var item = Assert.Single(log.QuerySelectorAll("ol.corrections > li"));
        Assert.Equal(claim.Path, item.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal([RatingScale.Get(earlier).Label, RatingScale.Get(rating).Label], item.QuerySelectorAll(".rating").Select(r => r.TextContent.Trim()));
        Assert.Contains(day, item.TextContent, StringComparison.Ordinal);
        Assert.Contains(Note, item.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await GetPageAsync("/")).QuerySelector("footer a[href='/corrections']"));

        foreach (var path in new[] { "/feeds/verdicts.atom", "/feeds/corrections.atom" })
        {
            var entry = Assert.Single((await FeedAsync(path)).Items, i => i.Id.EndsWith($":verdict-{verdictId}", StringComparison.Ordinal));
            Assert.Contains(entry.Categories, c => c.Name == "correction");
            Assert.Contains($"Correction ({day}): {Note}", ((TextSyndicationContent)entry.Summary).Text, StringComparison.Ordinal);
            Assert.Contains(Note, ((TextSyndicationContent)entry.Content).Text, StringComparison.Ordinal);
        }

        Assert.All((await FeedAsync("/feeds/corrections.atom")).Items, i => Assert.Contains(i.Categories, c => c.Name == "correction"));
    }

    [Fact]
    public async Task A_corrections_page_that_does_not_exist_is_not_found()
    {
        foreach (var path in new[] { "/corrections?page=99", "/corrections?page=abc" })
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    private async Task<SyndicationFeed> FeedAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader);
    }
}
