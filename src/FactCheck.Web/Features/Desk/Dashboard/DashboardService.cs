using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.Dashboard;

public sealed record DeskDraftRow(int ClaimId, string ClaimSummary, Rating Rating, string Headline, VerdictStatus Status, string? SubmittedBy, string? UpdatedBy, DateTime? UpdatedAtUtc)
{
    public string VerdictPath => $"/editor/claims/{ClaimId}/verdict";
}

public sealed record DeskPublishedRow(int ClaimId, string ClaimSlug, string ClaimSummary, Rating Rating, string Headline, DateTime? PublishedAtUtc, bool IsCorrection)
{
    public string ClaimPath => Site.SiteUrls.Claim(ClaimId, ClaimSlug);
}

public sealed record DeskChangeRow(string EntityType, int EntityId, int Number, RevisionAction Action, string ChangedFields, string Author, string? Reason, DateTime AtUtc, int? ClaimId)
{
    public string? HistoryPath => ClaimId is { } id ? $"/editor/claims/{id}/history" : null;
}

public sealed record DeskClaimRow(int ClaimId, string Summary, string ClaimantName)
{
    public string VerdictPath => $"/editor/claims/{ClaimId}/verdict";
}

public sealed record DeskDashboard(
    IReadOnlyList<DeskDraftRow> WaitingForReview,
    IReadOnlyList<DeskDraftRow> MyDrafts,
    IReadOnlyList<DeskPublishedRow> RecentlyPublished,
    IReadOnlyList<DeskChangeRow> RecentChanges,
    IReadOnlyList<DeskClaimRow> AwaitingFirstVerdict);

/// <summary>What the desk needs to see first: the review queue, one's own drafts, what went out, what changed.</summary>
public sealed class DashboardService(FactCheckDbContext db)
{
    public const int ListLength = 15;

    public async Task<DeskDashboard> LoadAsync(string editor, CancellationToken cancellationToken = default)
    {
        var drafts = db.Verdicts.AsNoTracking().Where(v => v.Status != VerdictStatus.Published);
        var waiting = await Rows(drafts.Where(v => v.Status == VerdictStatus.InReview).OrderBy(v => v.UpdatedAtUtc))
            .Take(ListLength).ToListAsync(cancellationToken);
        var mine = await Rows(drafts.Where(v => v.UpdatedBy == editor || v.SubmittedBy == editor).OrderByDescending(v => v.UpdatedAtUtc))
            .Take(ListLength).ToListAsync(cancellationToken);
        var published = await db.Verdicts.AsNoTracking()
            .Where(v => v.Status == VerdictStatus.Published)
            .OrderByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id)
            .Take(ListLength)
            .Select(v => new DeskPublishedRow(v.ClaimId, v.Claim.Slug, v.Claim.Summary, v.Rating, v.Headline, v.PublishedAtUtc, v.CorrectionNote != null))
            .ToListAsync(cancellationToken);

        var revisions = await db.Revisions.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Take(ListLength)
            .ToListAsync(cancellationToken);
        var verdictIds = revisions.Where(r => r.EntityType == RevisionSubjects.Verdict).Select(r => r.EntityId).ToList();
        var evidenceIds = revisions.Where(r => r.EntityType == RevisionSubjects.Evidence).Select(r => r.EntityId).ToList();
        var verdictClaims = await db.Verdicts.AsNoTracking().Where(v => verdictIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.ClaimId, cancellationToken);
        var evidenceClaims = await db.Evidence.AsNoTracking().Where(e => evidenceIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.ClaimId, cancellationToken);
        var changes = revisions.Select(r => new DeskChangeRow(
            r.EntityType, r.EntityId, r.Number, r.Action, r.ChangedFields, r.Author, r.Reason, r.CreatedAtUtc,
            r.EntityType switch
            {
                RevisionSubjects.Claim => r.EntityId,
                RevisionSubjects.Verdict => verdictClaims.TryGetValue(r.EntityId, out var c) ? c : null,
                RevisionSubjects.Evidence => evidenceClaims.TryGetValue(r.EntityId, out var e) ? e : null,
                _ => null,
            })).ToList();

        var unrated = await db.Claims.AsNoTracking()
            .Where(c => !c.Verdicts.Any())
            .OrderByDescending(c => c.Id)
            .Take(ListLength)
            .Select(c => new DeskClaimRow(c.Id, c.Summary, c.Claimant.Name))
            .ToListAsync(cancellationToken);

        return new DeskDashboard(waiting, mine, published, changes, unrated);
    }

    private static IQueryable<DeskDraftRow> Rows(IQueryable<Verdict> verdicts) =>
        verdicts.Select(v => new DeskDraftRow(v.ClaimId, v.Claim.Summary, v.Rating, v.Headline, v.Status, v.SubmittedBy, v.UpdatedBy, v.UpdatedAtUtc));
}
