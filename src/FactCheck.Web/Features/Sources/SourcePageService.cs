using FactCheck.Data;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Sources;

/// <summary>Loads the document reader: the source, its cited passages, and what each passage is cited for.</summary>
public sealed class SourcePageService(FactCheckDbContext db)
{
    public async Task<SourcePageModel?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id,
                s.Slug,
                s.Title,
                s.Kind,
                s.Publisher,
                s.Author,
                s.PublishedOn,
                s.OriginalUrl,
                s.ArchiveUrl,
                s.Language,
                s.AttributionNote,
                s.AccessedOn,
                s.Text,
                s.ContentHash,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }

        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => e.Passage.SourceId == id)
            .Select(e => new
            {
                e.Id,
                e.ClaimId,
                ClaimSlug = e.Claim.Slug,
                ClaimSummary = e.Claim.Summary,
                e.PassageId,
                e.Passage.Start,
                e.Passage.End,
                e.Passage.Exact,
                e.Passage.LostAtUtc,
                e.Stance,
                e.Organization,
                e.Note,
            })
            .ToListAsync(cancellationToken);

        var appearances = await db.ClaimAppearances.AsNoTracking()
            .Where(a => a.Passage.SourceId == id)
            .Select(a => new
            {
                a.Id,
                a.ClaimId,
                ClaimSlug = a.Claim.Slug,
                ClaimSummary = a.Claim.Summary,
                ClaimantName = a.Claim.Claimant.Name,
                a.PassageId,
                a.Passage.Start,
                a.Passage.End,
                a.Passage.Exact,
                a.Passage.LostAtUtc,
            })
            .ToListAsync(cancellationToken);

        var claimIds = evidence.Select(e => e.ClaimId).Concat(appearances.Select(a => a.ClaimId)).Distinct().ToList();
        // The stored current rating (one rule, kept by the DbContext), not re-derived here: two derivations
        // could disagree, and a claim must show one rating wherever it appears.
        var ratings = await db.Claims.AsNoTracking()
            .Where(c => claimIds.Contains(c.Id) && c.CurrentRating != null)
            .Select(c => new { c.Id, c.CurrentRating })
            .ToDictionaryAsync(c => c.Id, c => c.CurrentRating!.Value, cancellationToken);

        var citations = appearances
            .Select(a => new
            {
                a.ClaimId,
                a.ClaimSlug,
                a.ClaimSummary,
                a.Start,
                Order = 0,
                a.Id,
                View = new SourceCitationView(a.PassageId, SiteUrls.Passage(source.Id, source.Slug, a.PassageId), a.Exact, null, null, null),
            })
            .Concat(evidence.Select(e => new
            {
                e.ClaimId,
                e.ClaimSlug,
                e.ClaimSummary,
                e.Start,
                Order = 1,
                e.Id,
                View = new SourceCitationView(e.PassageId, SiteUrls.Passage(source.Id, source.Slug, e.PassageId), e.Exact, e.Stance, e.Organization, e.Note),
            }))
            .ToList();

        // Claims in the order the document first cites them, so the list reads alongside the text.
        var claims = citations
            .GroupBy(c => c.ClaimId)
            .OrderBy(g => g.Min(c => c.Start))
            .ThenBy(g => g.Key)
            .Select(g =>
            {
                var first = g.First();
                return new SourceClaimView(
                    g.Key,
                    first.ClaimSummary,
                    SiteUrls.Claim(g.Key, first.ClaimSlug),
                    ratings.TryGetValue(g.Key, out var rating) ? rating : (Rating?)null,
                    g.OrderBy(c => c.Start).ThenBy(c => c.Order).ThenBy(c => c.Id).Select(c => c.View).ToList());
            })
            .ToList();

        // A flagged passage's offsets are stale (the text was corrected without its words): it is listed on its
        // own with its quote as cited, never highlighted at offsets that now hold other words.
        var passages = evidence.Where(e => e.LostAtUtc is null).Select(e => new PassageSpan(e.PassageId, e.Start, e.End))
            .Concat(appearances.Where(a => a.LostAtUtc is null).Select(a => new PassageSpan(a.PassageId, a.Start, a.End)))
            .DistinctBy(p => p.Id)
            .OrderBy(p => p.Start)
            .ThenBy(p => p.Id)
            .ToList();

        // The notes beside the text: per passage, the claim it reports first, then the evidence it gives.
        var passageCitations = appearances
            .Select(a => (a.Start, Order: 0, a.Id, View: new PassageCitation(a.PassageId, null, a.ClaimSummary, SiteUrls.Claim(a.ClaimId, a.ClaimSlug), a.ClaimantName)))
            .Concat(evidence.Select(e => (e.Start, Order: 1, e.Id, View: new PassageCitation(e.PassageId, e.Stance, e.ClaimSummary, SiteUrls.Claim(e.ClaimId, e.ClaimSlug), ""))))
            .OrderBy(c => c.Start)
            .ThenBy(c => c.Order)
            .ThenBy(c => c.Id)
            .Select(c => c.View)
            .ToList();

        return new SourcePageModel(
            source.Id,
            source.Slug,
            source.Title,
            source.Kind,
            source.Publisher,
            source.Author,
            source.PublishedOn,
            source.OriginalUrl,
            source.ArchiveUrl,
            source.Language,
            source.AttributionNote,
            source.Text,
            source.ContentHash,
            passages,
            claims,
            passageCitations)
        {
            AccessedOn = source.AccessedOn,
            LostPassages = evidence.Where(e => e.LostAtUtc is not null).Select(e => (e.PassageId, e.Exact, LostAtUtc: e.LostAtUtc!.Value))
                .Concat(appearances.Where(a => a.LostAtUtc is not null).Select(a => (a.PassageId, a.Exact, LostAtUtc: a.LostAtUtc!.Value)))
                .DistinctBy(p => p.PassageId)
                .OrderBy(p => p.PassageId)
                .Select(p => new LostPassageView(p.PassageId, p.Exact, DateOnly.FromDateTime(p.LostAtUtc), passageCitations.Where(c => c.PassageId == p.PassageId).ToList()))
                .ToList(),
        };
    }
}
