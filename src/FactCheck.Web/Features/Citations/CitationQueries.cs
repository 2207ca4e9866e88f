using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Citations;

/// <summary>
/// The downloads' and oEmbed's reads: only the fields a citation names, in two small queries from an id, where the
/// claim page's service would also load the evidence, the appearances and the similar claims.
/// </summary>
public sealed class CitationQueries(FactCheckDbContext db)
{
    /// <summary>The claim and its current verdict (the one rule in <see cref="CurrentVerdicts"/>); null for no such claim.</summary>
    public async Task<ClaimCitationData?> ClaimAsync(int id, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new { c.Id, c.Slug, c.Summary, ClaimantName = c.Claimant.Name, Version = db.ClaimVersions.Where(v => v.ClaimId == c.Id).Max(v => (int?)v.Number) })
            .FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var verdicts = await db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == id && v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.Rating, v.Author, v.AsOf, v.PublishedOn, v.PublishedAtUtc })
            .ToListAsync(cancellationToken);
        var current = CurrentVerdicts.NewestFirst(verdicts, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).FirstOrDefault();
        return new ClaimCitationData(
            claim.Id,
            claim.Slug,
            claim.Summary,
            claim.ClaimantName,
            current is null ? null : new ClaimVerdictData(current.Rating, current.Author, ShownDate.Of(current.PublishedOn, current.AsOf)),
            claim.Version);
    }

    /// <summary>The document's details without its text; null for no such document, or a passage that is not in it.</summary>
    public async Task<DocumentCitationData?> DocumentAsync(int id, int? passageId, CancellationToken cancellationToken)
    {
        var document = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new DocumentCitationData(s.Id, s.Slug, s.Title, s.Author, s.Publisher, s.PublishedOn))
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null || passageId is not { } pid)
        {
            return document;
        }

        return await db.Passages.AsNoTracking().AnyAsync(p => p.Id == pid && p.SourceId == id, cancellationToken) ? document : null;
    }
}
