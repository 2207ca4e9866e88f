using FactCheck.Data;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Home;

/// <summary>The home page: the latest current verdicts and every topic, each linking to its timeline.</summary>
public sealed class HomePageService(FactCheckDbContext db)
{
    public const int LatestCount = 10;

    public async Task<HomePageModel> GetAsync(CancellationToken cancellationToken = default)
    {
        // Only current verdicts: a claim re-rated twice appears once, with its present rating. Newest by the
        // date the page shows (LatestVerdictView.Shown), so the dates read down the list in order.
        var latest = await CurrentVerdicts.Query(db).AsNoTracking()
            .NewestPublishedFirst()
            .Take(LatestCount)
            .Select(v => new
            {
                v.ClaimId,
                ClaimSlug = v.Claim.Slug,
                ClaimSummary = v.Claim.Summary,
                ClaimantName = v.Claim.Claimant.Name,
                v.Rating,
                v.Headline,
                v.AsOf,
                v.PublishedOn,
                v.Author,
            })
            .ToListAsync(cancellationToken);

        // Topics with their size, not their claims: an archive of years of work does not fit one page.
        // Each links to its timeline.
        var topics = await db.Topics.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TopicView(t.Slug, t.Name, t.Description, db.ClaimTopicLinks.Count(link => EF.Property<int>(link, "TopicsId") == t.Id)))
            .ToListAsync(cancellationToken);

        return new HomePageModel(
            latest.Select(v => new LatestVerdictView(v.ClaimId, v.ClaimSummary, SiteUrls.Claim(v.ClaimId, v.ClaimSlug), v.ClaimantName, v.Rating, v.Headline, v.AsOf, v.PublishedOn, v.Author)).ToList(),
            topics);
    }
}
