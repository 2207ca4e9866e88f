using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

/// <summary>
/// Topic timelines, claimant records and their counts read the claims' listings, which every save keeps in step
/// (docs/decisions/claim-listings.md): each kind of change a desk makes shows on the pages at once, counts included.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ClaimListingTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task A_claim_shows_where_it_is_listed_as_it_gains_a_verdict_changes_topic_and_is_retracted()
    {
        var ids = await App.QueryAsync(async db =>
        {
            var claimant = new Claimant { Slug = "listing-test-speaker", Name = "Listing Test Speaker" };
            var first = new Topic { Slug = "listing-test-first", Name = "Listing test first" };
            var second = new Topic { Slug = "listing-test-second", Name = "Listing test second" };
            var claim = new Claim
            {
                Key = "listing-test-claim",
                Slug = "listing-test-claim",
                Quote = "Every listing is kept in step.",
                Summary = "Listings are kept in step, the speaker says.",
                Claimant = claimant,
                SaidOn = ReportedDate.Day(2022, 3, 4),
                CreatedAtUtc = DateTime.UtcNow,
                Topics = [first],
            };
            db.Claims.Add(claim);
            db.Topics.Add(second);
            await db.SaveChangesAsync();
            return (claim.Id, FirstTopicId: first.Id, SecondTopicId: second.Id, ClaimantId: claimant.Id);
        });
        var claimPath = $"/claims/{ids.Id}/listing-test-claim";

        Assert.Contains(claimPath, await LinksAsync("/topics/listing-test-first"));
        Assert.Contains(claimPath, await LinksAsync("/claimants/listing-test-speaker"));
        Assert.Equal((1, 0, 1), await CountsAsync(ids.FirstTopicId, ids.SecondTopicId, ids.ClaimantId));
        Assert.Equal(1, await ScorecardAsync("Under review"));

        await App.QueryAsync(async db =>
        {
            db.Verdicts.Add(new Verdict
            {
                ClaimId = ids.Id,
                Rating = Rating.False,
                Headline = "Not kept in step",
                RationaleMarkdown = "The listing test says so.",
                Author = "Listing test desk",
                AsOf = ReportedDate.Day(2022, 3, 5),
                Status = VerdictStatus.Published,
                CreatedAtUtc = DateTime.UtcNow,
                PublishedAtUtc = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        Assert.Equal(1, await ScorecardAsync("False"));
        Assert.Null(await ScorecardAsync("Under review"));
        Assert.Contains("Listing test desk", (await GetPageAsync("/claimants/listing-test-speaker")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.Include(c => c.Topics).SingleAsync(c => c.Id == ids.Id);
            claim.Topics.Clear();
            claim.Topics.Add(await db.Topics.SingleAsync(t => t.Id == ids.SecondTopicId));
            return await db.SaveChangesAsync();
        });

        Assert.DoesNotContain(claimPath, await LinksAsync("/topics/listing-test-first"));
        Assert.Contains(claimPath, await LinksAsync("/topics/listing-test-second"));
        Assert.Equal((0, 1, 1), await CountsAsync(ids.FirstTopicId, ids.SecondTopicId, ids.ClaimantId));

        await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == ids.Id);
            claim.RetractedAtUtc = DateTime.UtcNow;
            claim.RetractionReason = "Listing test.";
            return await db.SaveChangesAsync();
        });

        Assert.DoesNotContain(claimPath, await LinksAsync("/topics/listing-test-second"));
        Assert.DoesNotContain(claimPath, await LinksAsync("/claimants/listing-test-speaker"));
        Assert.Equal((0, 0, 0), await CountsAsync(ids.FirstTopicId, ids.SecondTopicId, ids.ClaimantId));
    }

    private async Task<List<string>> LinksAsync(string path) =>
        (await GetPageAsync(path)).QuerySelectorAll("main a[href^='/claims/']").Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>The count beside a rating in the claimant's scorecard list, or null when the rating is not listed.</summary>
    private async Task<int?> ScorecardAsync(string label)
    {
        var page = await GetPageAsync("/claimants/listing-test-speaker");
        var item = page.QuerySelectorAll("main ul.scorecard-list li")
            .FirstOrDefault(li => TextNormalizer.Collapse(li.QuerySelector(".rating")!.TextContent) == label);
        return item is null ? null : int.Parse(TextNormalizer.Collapse(item.QuerySelector(".scorecard-list__count")!.TextContent).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<(int First, int Second, int Claimant)> CountsAsync(int firstTopicId, int secondTopicId, int claimantId) => App.QueryAsync(async db =>
        (await db.Topics.Where(t => t.Id == firstTopicId).Select(t => t.ListedClaimCount).SingleAsync(),
         await db.Topics.Where(t => t.Id == secondTopicId).Select(t => t.ListedClaimCount).SingleAsync(),
         await db.Claimants.Where(c => c.Id == claimantId).Select(c => c.ListedClaimCount).SingleAsync()));
}
