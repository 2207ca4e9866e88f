using FactCheck.Data;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>
/// A claimant's profile and record in three queries: the claimant, the count per current rating (one
/// GROUP BY over the indexed Claim.CurrentRating) and the newest claims.
/// </summary>
public sealed class ClaimantPageService(FactCheckDbContext db)
{
    /// <summary>The record lists this many claims; a prolific claimant's full record continues on /claims.</summary>
    public const int MaxListed = 200;

    public async Task<ClaimantPageModel?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var claimant = await db.Claimants.AsNoTracking()
            .Where(c => c.Slug == slug)
            .Select(c => new { c.Id, c.Slug, c.Name, c.Kind, c.Role, c.Affiliation })
            .FirstOrDefaultAsync(cancellationToken);
        if (claimant is null)
        {
            return null;
        }

        var counts = await db.Claims.AsNoTracking()
            .Where(c => c.ClaimantId == claimant.Id)
            .GroupBy(c => c.CurrentRating)
            .Select(g => new { Rating = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var claims = await db.Claims.AsNoTracking()
            .Where(c => c.ClaimantId == claimant.Id)
            .OrderByDescending(c => c.SaidOn.Date)
            .ThenByDescending(c => c.Id)
            .Take(MaxListed)
            .ToListItemsAsync(cancellationToken);

        var byRating = counts.Where(c => c.Rating is not null).ToDictionary(c => c.Rating!.Value, c => c.Count);
        var underReview = counts.Where(c => c.Rating is null).Sum(c => c.Count);

        // Every step of the scale is listed, zeros included: "no claim rated True" is part of the record.
        var scorecard = RatingScale.All
            .Select(info => new ScorecardRow(info.Rating, info.Label, byRating.GetValueOrDefault(info.Rating), SiteUrls.Claims(rating: info.Slug, claimant: claimant.Slug)))
            .Append(new ScorecardRow(null, "Under review", underReview, null))
            .ToList();

        return new ClaimantPageModel(
            claimant.Slug,
            claimant.Name,
            claimant.Kind,
            claimant.Role,
            claimant.Affiliation,
            counts.Sum(c => c.Count),
            scorecard,
            claims);
    }
}
