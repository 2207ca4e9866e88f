using FactCheck.Data;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Services;

/// <summary>The home page: the latest current verdicts and every topic with its claims.</summary>
public sealed class HomePageService(FactCheckDbContext db)
{
    public const int LatestCount = 10;

    public async Task<HomePageModel> GetAsync(CancellationToken cancellationToken = default)
    {
        // Only current verdicts: a claim re-rated twice appears once, with its present rating.
        var latest = await CurrentVerdicts.Query(db).AsNoTracking()
            .OrderByDescending(v => v.PublishedAtUtc)
            .ThenByDescending(v => v.AsOf.Date)
            .ThenByDescending(v => v.Id)
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
            })
            .ToListAsync(cancellationToken);

        var topics = await db.Topics.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Slug,
                t.Name,
                t.Description,
                Claims = t.Claims
                    .OrderBy(c => c.SaidOn.Date)
                    .ThenBy(c => c.Id)
                    .Select(c => new { c.Id, c.Slug, c.Summary, ClaimantName = c.Claimant.Name, c.SaidOn })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);

        var claimIds = topics.SelectMany(t => t.Claims).Select(c => c.Id).Distinct().ToList();
        var ratings = await CurrentVerdicts.Query(db).AsNoTracking()
            .Where(v => claimIds.Contains(v.ClaimId))
            .Select(v => new { v.ClaimId, v.Rating })
            .ToDictionaryAsync(v => v.ClaimId, v => v.Rating, cancellationToken);

        return new HomePageModel(
            latest.Select(v => new LatestVerdictView(v.ClaimId, v.ClaimSummary, SiteUrls.Claim(v.ClaimId, v.ClaimSlug), v.ClaimantName, v.Rating, v.Headline, v.AsOf)).ToList(),
            topics.Select(t => new TopicView(
                t.Slug,
                t.Name,
                t.Description,
                t.Claims.Select(c => new TopicClaimView(
                    c.Id,
                    c.Summary,
                    SiteUrls.Claim(c.Id, c.Slug),
                    c.ClaimantName,
                    c.SaidOn,
                    ratings.TryGetValue(c.Id, out var rating) ? rating : (Rating?)null)).ToList())).ToList());
    }
}
