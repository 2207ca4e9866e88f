using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// Loads a claim page in six queries whatever the amount of evidence (claim, topics, evidence, appearances,
/// verdicts, page versions), plus the similar-claims lookup (a fixed handful of index queries and one for the suggestions).
/// The first query settles the address: an old or mistyped slug is answered with the canonical one before
/// any of the others run, so a permalink's redirect costs one query.
/// </summary>
public sealed class ClaimPageService(FactCheckDbContext db, MarkdownRenderer markdown, SimilarClaims similarClaims)
{
    /// <summary>How many merges a retired id is followed through before the chain is given up as broken.</summary>
    public const int MaxMergeHops = 16;

    /// <summary>
    /// Null when there is no such claim; a redirect when <paramref name="requestedSlug"/> is not the claim's slug
    /// or the claim was merged into another (the survivor's address, whatever the slug); the retraction
    /// notice for a retracted claim; else the page.
    /// </summary>
    public async Task<ClaimPageLookup?> GetAsync(int id, string? requestedSlug, CancellationToken cancellationToken = default)
    {
        // Past the "Published" filter: a retracted or merged claim's address must still answer with what happened.
        var claim = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Quote,
                c.IsVerbatim,
                c.Summary,
                c.SaidOn,
                c.SaidWhere,
                Claimant = new ClaimantView(c.Claimant.Name, c.Claimant.Kind, c.Claimant.Role, c.Claimant.Affiliation, c.Claimant.Slug),
                c.MergedIntoId,
                c.RetractedAtUtc,
                c.RetractionReason,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        if (claim.MergedIntoId is { } survivorId)
        {
            return await SurvivorAsync(survivorId, cancellationToken) is { } survivor
                ? new ClaimPageLookup(survivor.Slug, SiteUrls.Claim(survivor.Id, survivor.Slug), null) { Merged = true }
                : null;
        }

        if (claim.RetractedAtUtc is { } retractedAt)
        {
            var notice = new RetractedClaimView(claim.Id, claim.Summary, claim.Quote, claim.Claimant, claim.SaidOn, retractedAt, claim.RetractionReason ?? "");
            return new ClaimPageLookup(claim.Slug, SiteUrls.Claim(claim.Id, claim.Slug), null) { Retracted = notice };
        }

        if (!string.Equals(requestedSlug, claim.Slug, StringComparison.Ordinal))
        {
            return new ClaimPageLookup(claim.Slug, SiteUrls.Claim(claim.Id, claim.Slug), null);
        }

        // Its own query, starting from the claim: nested in the one above, SQLite joined every claim-topic
        // row of the archive before picking this claim's (67 ms at 100,000 claims, against under 1 ms).
        var topics = await db.Claims.AsNoTracking()
            .Where(c => c.Id == id)
            .SelectMany(c => c.Topics)
            .OrderBy(t => t.Name)
            .Select(t => new TopicLink(t.Slug, t.Name))
            .ToListAsync(cancellationToken);

        // Projections, not Include: a source's full text is large and this page needs only its metadata.
        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => e.ClaimId == id)
            .Select(e => new
            {
                e.Id,
                e.Stance,
                e.Organization,
                e.FoundOn,
                e.Note,
                e.PassageId,
                e.Passage.Exact,
                e.Passage.SourceId,
                SourceSlug = e.Passage.Source.Slug,
                SourceTitle = e.Passage.Source.Title,
                SourcePublisher = e.Passage.Source.Publisher,
                e.Passage.Prefix,
                e.Passage.Suffix,
                e.Passage.LostAtUtc,
                SourceOriginalUrl = e.Passage.Source.OriginalUrl,
                SourceArchiveUrl = e.Passage.Source.ArchiveUrl,
                SourceAccessedOn = e.Passage.Source.AccessedOn,
            })
            .ToListAsync(cancellationToken);

        var appearances = await db.ClaimAppearances.AsNoTracking()
            .Where(a => a.ClaimId == id)
            .Select(a => new
            {
                a.Id,
                a.PassageId,
                a.Passage.Exact,
                a.Passage.SourceId,
                SourceSlug = a.Passage.Source.Slug,
                SourceTitle = a.Passage.Source.Title,
                SourcePublisher = a.Passage.Source.Publisher,
                SourcePublishedOn = a.Passage.Source.PublishedOn,
                SourceOriginalUrl = a.Passage.Source.OriginalUrl,
            })
            .ToListAsync(cancellationToken);

        var verdicts = await db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == id && v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.Rating, v.Headline, v.RationaleMarkdown, v.Author, v.AsOf, v.PublishedAtUtc, v.CorrectionNote, v.ClaimReviewed, v.PublishedOn })
            .ToListAsync(cancellationToken);

        var history = CurrentVerdicts.NewestFirst(verdicts, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id)
            .Select(v => new VerdictView(v.Id, v.Rating, v.Headline, markdown.ToHtml(v.RationaleMarkdown), v.Author, v.AsOf, v.PublishedAtUtc, v.CorrectionNote, v.ClaimReviewed, v.PublishedOn))
            .ToList();

        // The page history, and the newest version the citation's permalink names: numbers have no gaps, so
        // the newest is also the count. The page's sixth query, a walk of the (ClaimId, Number) index.
        var versions = await db.ClaimVersions.AsNoTracking()
            .Where(v => v.ClaimId == id)
            .OrderByDescending(v => v.Number)
            .Take(VersionHistory.Shown)
            .Select(v => new { v.Number, v.CreatedAtUtc, v.Reason })
            .ToListAsync(cancellationToken);

        var page = new ClaimPageModel(
            claim.Id,
            claim.Slug,
            claim.Quote,
            claim.IsVerbatim,
            claim.Summary,
            claim.Claimant,
            claim.SaidOn,
            claim.SaidWhere,
            topics,
            history.FirstOrDefault(),
            history.Skip(1).ToList(),
            evidence
                .OrderBy(e => e.Stance)
                .ThenBy(e => e.FoundOn.Date)
                .ThenBy(e => e.Id)
                .Select(e => new EvidenceView(
                    e.Stance,
                    e.Organization,
                    e.FoundOn.ToDisplayString(),
                    e.Exact,
                    e.Note,
                    e.SourceTitle,
                    e.SourcePublisher,
                    SiteUrls.Passage(e.SourceId, e.SourceSlug, e.PassageId))
                {
                    LostOn = e.LostAtUtc is { } lost ? DateOnly.FromDateTime(lost) : null,
                    OriginalUrl = EvidenceView.OriginalLink(e.SourceOriginalUrl, e.Exact, e.Prefix, e.Suffix, e.LostAtUtc is not null),
                    ArchiveUrl = MarkdownRenderer.IsWebUrl(e.SourceArchiveUrl) ? e.SourceArchiveUrl : null,
                    AccessedOn = e.SourceAccessedOn,
                })
                .ToList(),
            appearances
                .OrderBy(a => a.SourcePublishedOn.Date)
                .ThenBy(a => a.Id)
                .Select(a => new AppearanceView(
                    a.PassageId,
                    a.SourceId,
                    a.SourceTitle,
                    a.SourcePublisher,
                    a.SourcePublishedOn,
                    a.SourceOriginalUrl,
                    a.Exact,
                    SiteUrls.Source(a.SourceId, a.SourceSlug),
                    SiteUrls.Passage(a.SourceId, a.SourceSlug, a.PassageId)))
                .ToList())
        {
            SimilarClaims = await similarClaims.FindAsync(id, cancellationToken: cancellationToken),
            History = new VersionHistory(
                versions.Count > 0 ? versions[0].Number : 0,
                versions.Select(v => new VersionEntry(v.Number, v.CreatedAtUtc, v.Reason, SiteUrls.ClaimVersion(claim.Id, claim.Slug, v.Number))).ToList()),
        };
        return new ClaimPageLookup(claim.Slug, page.Url, page);
    }

    /// <summary>
    /// Follows merges from <paramref name="firstId"/> to the claim that was not merged further: one query a
    /// hop, at most <see cref="MaxMergeHops"/>, and null for a chain that loops or never ends (the desk refuses
    /// cycles, so that is a broken database, answered 404 rather than a redirect loop).
    /// </summary>
    private async Task<(int Id, string Slug)?> SurvivorAsync(int firstId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int>();
        int? next = firstId;
        while (next is { } id && seen.Add(id) && seen.Count <= MaxMergeHops)
        {
            var step = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
                .Where(c => c.Id == id)
                .Select(c => new { c.Id, c.Slug, c.MergedIntoId })
                .FirstOrDefaultAsync(cancellationToken);
            if (step is null)
            {
                return null;
            }

            if (step.MergedIntoId is null)
            {
                return (step.Id, step.Slug);
            }

            next = step.MergedIntoId;
        }

        return null;
    }
}

/// <summary>
/// A claim's canonical address, and its page when the request used that address. <see cref="Merged"/>: the
/// address is the survivor's, to answer 301 whatever slug was asked for. <see cref="Retracted"/>: the claim
/// is withdrawn and its address answers 410 with this notice.
/// </summary>
public sealed record ClaimPageLookup(string Slug, string Url, ClaimPageModel? Page)
{
    public bool Merged { get; init; }

    public RetractedClaimView? Retracted { get; init; }
}

/// <summary>What a retracted claim's address still tells: the claim as it stood, when it was withdrawn and why.</summary>
public sealed record RetractedClaimView(int Id, string Summary, string Quote, ClaimantView Claimant, ReportedDate SaidOn, DateTime RetractedAtUtc, string Reason)
{
    public DateOnly RetractedOn => DateOnly.FromDateTime(RetractedAtUtc);

    public string RetractedOnDisplay => RetractedOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
