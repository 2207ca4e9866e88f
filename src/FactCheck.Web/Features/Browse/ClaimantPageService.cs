using FactCheck.Data;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>
/// A claimant's profile and record in four queries: the claimant, the count per current rating and rater (one
/// GROUP BY read from an index of the claimant's <see cref="Data.Entities.ClaimListing"/> rows), the newest
/// claims' ids (another index, in date order) and those claims.
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

        // Counted by rating and by who reached the current verdict (its Author: Polygraph.info, the archive
        // desk, this newsroom), so the scorecard can credit its ratings; still one GROUP BY.
        var listings = db.ClaimListings.AsNoTracking().Where(l => l.ClaimantId == claimant.Id);
        var counts = await listings
            .GroupBy(l => new { l.CurrentRating, l.CurrentRatedBy })
            .Select(g => new { Rating = g.Key.CurrentRating, Author = g.Key.CurrentRatedBy, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var newest = await listings
            .OrderByDescending(l => l.SaidOn)
            .ThenByDescending(l => l.ClaimId)
            .Take(MaxListed)
            .Select(l => l.ClaimId)
            .ToListAsync(cancellationToken);
        var claims = (await db.Claims.AsNoTracking().Where(c => newest.Contains(c.Id)).ToListItemsAsync(cancellationToken))
            .OrderBy(c => newest.IndexOf(c.Id))
            .ToList();

        var byRating = counts.Where(c => c.Rating is not null).GroupBy(c => c.Rating!.Value).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var ratedBy = counts
            .Where(c => c.Rating is not null && c.Author is not null)
            .GroupBy(c => c.Author!, StringComparer.Ordinal)
            .Select(g => new ScorecardAttribution(g.Key, g.Sum(c => c.Count), g.GroupBy(c => c.Rating!.Value).ToDictionary(r => r.Key, r => r.Sum(c => c.Count))))
            .OrderByDescending(a => a.Count)
            .ThenBy(a => a.Organisation, StringComparer.Ordinal)
            .ToList();
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
            claims)
        {
            RatedBy = ratedBy,
        };
    }
}
