using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Caching;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Corrections;

/// <param name="Earlier">The rating readers saw before the correction; null if no earlier published verdict is left to compare.</param>
/// <param name="Rating">The corrected rating; null for a retraction, which withdraws the claim instead (<see cref="IsRetraction"/>).</param>
/// <param name="PublishedAtUtc">When the correction was published, or the claim retracted.</param>
public sealed record CorrectionView(int ClaimId, string ClaimSummary, string ClaimUrl, Rating? Earlier, Rating? Rating, DateTime PublishedAtUtc, string Note)
{
    public bool IsRetraction => Rating is null;

    public DateOnly On => DateOnly.FromDateTime(PublishedAtUtc);

    public string OnDisplay => On.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

public sealed record CorrectionsPageModel(IReadOnlyList<CorrectionView> Items, int Page, int PageCount)
{
    public static string PageUrl(int page) => page <= 1 ? SiteUrls.Corrections : string.Create(CultureInfo.InvariantCulture, $"{SiteUrls.Corrections}?{PageQuery.PageKey}={page}");
}

/// <summary>
/// The public corrections log: every published verdict that replaced an earlier published verdict of its
/// claim (it carries a correction note), with the rating it replaced, and every retracted claim with its
/// reason; newest first. Claims since retracted or merged stay in the log (read past the "Published"
/// filter): their addresses still answer, with the notice or a redirect.
/// </summary>
public sealed class CorrectionsService(FactCheckDbContext db)
{
    public const int PageSize = 20;

    /// <summary>Null when the page asked for does not exist (past the last, or not a number), so the page can answer 404.</summary>
    public async Task<CorrectionsPageModel?> GetAsync(IQueryCollection query, CancellationToken cancellationToken = default)
    {
        var read = PageQuery.Corrections.Read(query);
        var page = 1;
        if (read.TryGetValue(PageQuery.PageKey, out var text) && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1))
        {
            return null;
        }

        var corrections = db.Verdicts.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(v => v.Status == VerdictStatus.Published && v.CorrectionNote != null);
        var retractions = db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).Where(c => c.RetractedAtUtc != null);
        var count = await corrections.CountAsync(cancellationToken) + await retractions.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        if (page > pageCount)
        {
            return null;
        }

        // The newest page * PageSize of each kind hold the page asked for, once the two are interleaved by date.
        var items = await corrections
            .NewestPublishedFirst()
            .Take(page * PageSize)
            .Select(v => new { v.Id, v.ClaimId, v.Claim.Summary, v.Claim.Slug, v.Rating, v.AsOf, PublishedAtUtc = v.PublishedAtUtc!.Value, Note = v.CorrectionNote! })
            .ToListAsync(cancellationToken);

        // What each correction replaced: the claim's current verdict just before it was published.
        var claimIds = items.Select(i => i.ClaimId).Distinct().ToList();
        var published = await db.Verdicts.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(v => claimIds.Contains(v.ClaimId) && v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.ClaimId, v.Rating, v.AsOf, v.PublishedAtUtc })
            .ToListAsync(cancellationToken);

        var views = items.Select(i =>
        {
            var before = published.Where(v => v.ClaimId == i.ClaimId && v.Id != i.Id && v.PublishedAtUtc is { } at && (at < i.PublishedAtUtc || (at == i.PublishedAtUtc && v.Id < i.Id)));
            var earlier = CurrentVerdicts.NewestFirst(before, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).FirstOrDefault();
            return new CorrectionView(i.ClaimId, i.Summary, SiteUrls.Claim(i.ClaimId, i.Slug), earlier?.Rating, i.Rating, i.PublishedAtUtc, i.Note);
        });

        var retracted = await retractions
            .OrderByDescending(c => c.RetractedAtUtc).ThenByDescending(c => c.Id)
            .Take(page * PageSize)
            .Select(c => new { c.Id, c.Summary, c.Slug, RetractedAtUtc = c.RetractedAtUtc!.Value, c.RetractionReason })
            .ToListAsync(cancellationToken);
        var withdrawn = retracted.Select(c => new CorrectionView(c.Id, c.Summary, SiteUrls.Claim(c.Id, c.Slug), null, null, c.RetractedAtUtc, c.RetractionReason ?? ""));

        // By the date each entry shows; a stable sort keeps each kind's own order within a day.
        var pageItems = views.Concat(withdrawn)
            .OrderByDescending(v => v.On)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToList();
        return new CorrectionsPageModel(pageItems, page, pageCount);
    }
}
