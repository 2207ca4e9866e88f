using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

/// <summary>A claim as the database holds it, with its rating worked out from its verdicts here, not read from the page's source.</summary>
public sealed record ArchiveClaim(int Id, string Path, string ClaimantSlug, DateOnly SaidOn, IReadOnlyList<string> Topics, Rating? Rating);

public static class BrowseData
{
    /// <summary>
    /// Every claim with its current rating recomputed from the published verdicts (newest AsOf, then
    /// PublishedAtUtc, then Id), so the tests check the pages against the record itself.
    /// </summary>
    public static Task<IReadOnlyList<ArchiveClaim>> LoadAsync(FactCheckAppFactory app) =>
        app.QueryAsync<IReadOnlyList<ArchiveClaim>>(async db =>
        {
            var claims = await db.Claims.AsNoTracking()
                .Select(c => new { c.Id, c.Slug, ClaimantSlug = c.Claimant.Slug, c.SaidOn, Topics = c.Topics.Select(t => t.Slug).ToList() })
                .ToListAsync();
            var verdicts = await db.Verdicts.AsNoTracking()
                .Where(v => v.Status == VerdictStatus.Published)
                .Select(v => new { v.Id, v.ClaimId, v.Rating, v.AsOf, v.PublishedAtUtc })
                .ToListAsync();
            var current = verdicts
                .GroupBy(v => v.ClaimId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.AsOf.Date).ThenByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id).First().Rating);
            return claims
                .Select(c => new ArchiveClaim(
                    c.Id,
                    $"/claims/{c.Id}/{c.Slug}",
                    c.ClaimantSlug,
                    c.SaidOn.Date,
                    c.Topics,
                    current.TryGetValue(c.Id, out var rating) ? rating : null))
                .ToList();
        });

    /// <summary>The label a reader sees on the badge: the scale's label, or "Under review".</summary>
    public static string Label(Rating? rating) => rating is { } r ? RatingScale.Get(r).Label : "Under review";
}
