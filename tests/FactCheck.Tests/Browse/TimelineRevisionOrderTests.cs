using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

/// <summary>
/// A claim's verdicts appear on its topic's timeline in the order that makes the last one current, even
/// when an earlier verdict is dated only to a month that the newer one falls inside. A site of its own,
/// since the test adds verdicts.
/// </summary>
[Trait("Database", "Both")]
public class TimelineRevisionOrderTests(TimelineRevisionOrderTests.WritableApp app) : WebTestBase(app), IClassFixture<TimelineRevisionOrderTests.WritableApp>
{
    public sealed class WritableApp : FactCheck.Tests.Infrastructure.FactCheckAppFactory;

    [Fact]
    public async Task A_month_dated_verdict_revised_within_its_month_shows_before_its_revision()
    {
        var claimId = await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Key == "blinken-2021-no-immediate-deterioration");
            var published = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            claim.Verdicts.Add(NewVerdict(Rating.Misleading, "Month-dated review", ReportedDate.Month(2021, 12), published));
            claim.Verdicts.Add(NewVerdict(Rating.False, "Day-dated revision", ReportedDate.Day(2021, 12, 5), published));
            await db.SaveChangesAsync();
            return claim.Id;
        });

        var page = await GetPageAsync("/topics/us-withdrawal-from-afghanistan");

        var verdicts = page.QuerySelectorAll("li.timeline__event--verdict")
            .Where(li => li.QuerySelector($"a[href^='/claims/{claimId}/']") is not null)
            .ToList();
        Assert.Equal(3, verdicts.Count);
        Assert.Contains("Day-dated revision", verdicts[^1].TextContent, StringComparison.Ordinal);
        Assert.True(verdicts[^1].ClassList.Contains("timeline__event--current"), "the last verdict of the claim should be its current one");
        Assert.All(verdicts.SkipLast(1), li => Assert.Contains("since revised", li.TextContent, StringComparison.Ordinal));
    }

    private static Verdict NewVerdict(Rating rating, string headline, ReportedDate asOf, DateTime published) => new()
    {
        Rating = rating,
        Headline = headline,
        RationaleMarkdown = "Test rationale.",
        Author = "Test desk",
        AsOf = asOf,
        Status = VerdictStatus.Published,
        CreatedAtUtc = published,
        PublishedAtUtc = published,
    };
}
