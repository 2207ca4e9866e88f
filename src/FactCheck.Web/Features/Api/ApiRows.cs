using System.Linq.Expressions;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// The columns each resource reads, as projections the database runs (never Include: a source's full text is
/// large and no answer but /text needs it), and their conversion to the API's records. Claims and evidence
/// share them, so a verdict or an evidence item reads the same in every resource that embeds it.
/// </summary>
internal static class ApiRows
{
    /// <summary>
    /// Claims the public may see: not retracted, not merged into another. Explicit, so the API does not depend
    /// on whether the context filters them globally.
    /// </summary>
    public static IQueryable<Claim> Visible(IQueryable<Claim> claims) => claims.Where(c => c.RetractedAtUtc == null && c.MergedIntoId == null);

    public static IQueryable<Verdict> PublishedVerdicts(IQueryable<Verdict> verdicts) =>
        verdicts.Where(v => v.Status == VerdictStatus.Published && v.Claim.RetractedAtUtc == null && v.Claim.MergedIntoId == null);

    public sealed record VerdictRow(
        int Id, int ClaimId, string ClaimSlug, string ClaimSummary, Rating Rating, string Headline, string RationaleMarkdown, string Author,
        ReportedDate AsOf, ReportedDate? PublishedOn, DateTime? PublishedAtUtc, string? CorrectionNote, string? ClaimReviewed);

    public static readonly Expression<Func<Verdict, VerdictRow>> Verdict = v => new VerdictRow(
        v.Id, v.ClaimId, v.Claim.Slug, v.Claim.Summary, v.Rating, v.Headline, v.RationaleMarkdown, v.Author,
        v.AsOf, v.PublishedOn, v.PublishedAtUtc, v.CorrectionNote, v.ClaimReviewed);

    public static ApiVerdict ToApi(this VerdictRow v, ApiLinks links) => new(
        v.Id,
        links.Claim(v.ClaimId, v.ClaimSlug, v.ClaimSummary),
        ApiLinks.Rating(v.Rating),
        v.Headline,
        v.RationaleMarkdown,
        v.Author,
        v.AsOf.ToIsoString(),
        v.PublishedOn?.ToIsoString(),
        ShownDate.Of(v.PublishedOn, v.AsOf).Date.ToIsoString(),
        v.PublishedAtUtc is { } published ? DateTime.SpecifyKind(published, DateTimeKind.Utc) : null,
        v.CorrectionNote,
        v.ClaimReviewed,
        links.Absolute(SiteUrls.Claim(v.ClaimId, v.ClaimSlug)),
        links.Absolute(ApiLinks.VerdictPath(v.Id)));

    public sealed record PassageRow(
        int Id, string Exact, string Prefix, string Suffix, int Start, int End, DateTime? LostAtUtc,
        int SourceId, string SourceSlug, string SourceTitle, string SourcePublisher, ReportedDate SourcePublishedOn, string? SourceOriginalUrl, string? SourceArchiveUrl);

    public sealed record EvidenceRow(int Id, int ClaimId, string ClaimSlug, string ClaimSummary, Stance Stance, string Organization, ReportedDate FoundOn, string Note, PassageRow Passage);

    public static readonly Expression<Func<Evidence, EvidenceRow>> Evidence = e => new EvidenceRow(
        e.Id, e.ClaimId, e.Claim.Slug, e.Claim.Summary, e.Stance, e.Organization, e.FoundOn, e.Note,
        new PassageRow(
            e.PassageId, e.Passage.Exact, e.Passage.Prefix, e.Passage.Suffix, e.Passage.Start, e.Passage.End, e.Passage.LostAtUtc,
            e.Passage.SourceId, e.Passage.Source.Slug, e.Passage.Source.Title, e.Passage.Source.Publisher, e.Passage.Source.PublishedOn,
            e.Passage.Source.OriginalUrl, e.Passage.Source.ArchiveUrl));

    public static readonly Expression<Func<ClaimAppearance, PassageRow>> Appearance = a => new PassageRow(
        a.PassageId, a.Passage.Exact, a.Passage.Prefix, a.Passage.Suffix, a.Passage.Start, a.Passage.End, a.Passage.LostAtUtc,
        a.Passage.SourceId, a.Passage.Source.Slug, a.Passage.Source.Title, a.Passage.Source.Publisher, a.Passage.Source.PublishedOn,
        a.Passage.Source.OriginalUrl, a.Passage.Source.ArchiveUrl);

    public static ApiPassage ToApi(this PassageRow p, ApiLinks links) =>
        links.Passage(p.Id, p.SourceId, p.SourceSlug, p.Exact, p.Prefix, p.Suffix, p.Start, p.End, p.LostAtUtc);

    public static ApiSourceRef ToSourceRef(this PassageRow p, ApiLinks links) =>
        links.Source(p.SourceId, p.SourceSlug, p.SourceTitle, p.SourcePublisher, p.SourcePublishedOn, p.SourceOriginalUrl, p.SourceArchiveUrl);

    public static ApiEvidence ToApi(this EvidenceRow e, ApiLinks links)
    {
        var passage = e.Passage.ToApi(links);
        return new ApiEvidence(
            e.Id,
            ApiLinks.StanceName(e.Stance),
            e.Organization,
            e.FoundOn.ToIsoString(),
            e.Note,
            passage,
            e.Passage.ToSourceRef(links),
            links.Claim(e.ClaimId, e.ClaimSlug, e.ClaimSummary),
            passage.Url,
            links.Absolute(ApiLinks.EvidencePath(e.Id)));
    }
}
