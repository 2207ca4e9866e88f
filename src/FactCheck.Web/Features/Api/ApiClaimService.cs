using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Browse;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>What /api/claims/{id} found: the claim, or where it went (merged), or why it was withdrawn (retracted).</summary>
public sealed record ApiClaimLookup(ApiClaim? Claim, int? MergedIntoId, DateTime? RetractedAtUtc, string? RetractionReason);

/// <summary>
/// /api/claims: the list in one query (the /claims filter and order, one row past the page), and one claim in
/// five, as its page reads it (claim, topics, evidence, appearances, published verdicts).
/// </summary>
public sealed class ApiClaimService(FactCheckDbContext db)
{
    public async Task<IReadOnlyList<ApiClaimSummary>> ListAsync(ClaimFilter filter, ApiPaging paging, ApiLinks links, CancellationToken cancellationToken)
    {
        if (paging.Offset is not { } offset)
        {
            return [];
        }

        var rows = await filter.Order(filter.Apply(ApiRows.Visible(db.Claims.AsNoTracking()), db))
            .Skip(offset)
            .Take(paging.PageSize + 1)
            .Select(c => new { c.Id, c.Slug, c.Summary, c.Quote, c.IsVerbatim, ClaimantSlug = c.Claimant.Slug, ClaimantName = c.Claimant.Name, c.SaidOn, c.SaidWhere, c.CurrentRating })
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ApiClaimSummary(
            c.Id,
            c.Slug,
            c.Summary,
            c.Quote,
            c.IsVerbatim,
            links.Claimant(c.ClaimantSlug, c.ClaimantName),
            c.SaidOn.ToIsoString(),
            c.SaidWhere,
            c.CurrentRating is { } rating ? ApiLinks.Rating(rating) : null,
            links.Claim(c.Id, c.Slug, c.Summary).Url,
            links.Absolute(ApiLinks.ClaimPath(c.Id)))).ToList();
    }

    /// <summary>Null when no claim ever had the id.</summary>
    public async Task<ApiClaimLookup?> GetAsync(int id, ApiLinks links, CancellationToken cancellationToken)
    {
        // Unfiltered: a retracted or merged claim must still be found, to answer 410 or 301 rather than 404.
        var claim = await db.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Summary,
                c.Quote,
                c.IsVerbatim,
                c.SaidOn,
                c.SaidWhere,
                c.RetractedAtUtc,
                c.RetractionReason,
                c.MergedIntoId,
                ClaimantSlug = c.Claimant.Slug,
                ClaimantName = c.Claimant.Name,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        if (claim.MergedIntoId is not null || claim.RetractedAtUtc is not null)
        {
            return new ApiClaimLookup(null, claim.MergedIntoId, claim.RetractedAtUtc, claim.RetractionReason);
        }

        var topics = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .SelectMany(c => c.Topics)
            .OrderBy(t => t.Name)
            .Select(t => new { t.Slug, t.Name })
            .ToListAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.ClaimId == id).Select(ApiRows.Evidence).ToListAsync(cancellationToken);
        var appearances = await db.ClaimAppearances.AsNoTracking().Where(a => a.ClaimId == id)
            .OrderBy(a => a.Passage.Source.PublishedOn.Date).ThenBy(a => a.Id)
            .Select(ApiRows.Appearance)
            .ToListAsync(cancellationToken);
        var verdicts = await db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == id && v.Status == Data.Entities.VerdictStatus.Published)
            .Select(ApiRows.Verdict)
            .ToListAsync(cancellationToken);

        var history = CurrentVerdict.NewestFirst(verdicts, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).Select(v => v.ToApi(links)).ToList();
        var claimRef = links.Claim(claim.Id, claim.Slug, claim.Summary);
        return new ApiClaimLookup(
            new ApiClaim(
                claim.Id,
                claim.Slug,
                claim.Summary,
                claim.Quote,
                claim.IsVerbatim,
                links.Claimant(claim.ClaimantSlug, claim.ClaimantName),
                claim.SaidOn.ToIsoString(),
                claim.SaidWhere,
                history.FirstOrDefault(),
                history.Skip(1).ToList(),
                evidence.OrderBy(e => e.Stance).ThenBy(e => e.FoundOn.Date).ThenBy(e => e.Id).Select(e => e.ToApi(links)).ToList(),
                topics.Select(t => links.Topic(t.Slug, t.Name)).ToList(),
                appearances.Select(a => new ApiAppearance(a.ToApi(links), a.ToSourceRef(links))).ToList(),
                claimRef.Url,
                claimRef.ApiUrl),
            null,
            null,
            null);
    }
}
