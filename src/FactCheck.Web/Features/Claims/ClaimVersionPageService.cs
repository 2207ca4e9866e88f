using FactCheck.Data.Configurations;
using System.Globalization;
using System.Text.Json;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Data.Versions;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// Loads <c>/claims/{id}/{slug}/v/{n}</c> in two queries: the claim as it is now (its slug, retraction, merge
/// and newest version number), then the stored version. Everything shown of the claim comes from the version's
/// snapshot, never from today's rows, so the page reads as it did when it was cited.
/// </summary>
public sealed class ClaimVersionPageService(FactCheckDbContext db, MarkdownRenderer markdown, ILogger<ClaimVersionPageService> logger)
{
    /// <summary>Null when there is no such claim or version; a redirect when the slug is not the claim's; else the page.</summary>
    public async Task<ClaimVersionLookup?> GetAsync(int id, string? requestedSlug, int number, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Slug,
                c.RetractedAtUtc,
                c.RetractionReason,
                MergedInto = c.MergedInto == null ? null : new { c.MergedInto.Id, c.MergedInto.Slug, c.MergedInto.Summary },
                Newest = db.ClaimVersions.Where(v => v.ClaimId == c.Id).Max(v => (int?)v.Number),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (claim is null || number < 1 || number > (claim.Newest ?? 0))
        {
            return null;
        }

        if (!string.Equals(requestedSlug, claim.Slug, StringComparison.Ordinal))
        {
            return new ClaimVersionLookup(claim.Slug, SiteUrls.ClaimVersion(id, claim.Slug, number), null);
        }

        var version = await db.ClaimVersions.AsNoTracking()
            .Where(v => v.ClaimId == id && v.Number == number)
            .Select(v => new { v.Snapshot, v.CreatedAtUtc, v.Reason })
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        ClaimPageModel shown;
        try
        {
            shown = ToPage(ClaimVersionSnapshot.FromJson(version.Snapshot), claim.Slug);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            // A stored state this build cannot read is a defect to fix, not a reason to show readers a 500.
            logger.LogError(e, "Claim {ClaimId} version {Number} has a snapshot this site cannot read", id, number);
            return null;
        }

        var page = new ClaimVersionPageModel(
            shown,
            number,
            version.CreatedAtUtc,
            version.Reason,
            claim.Newest!.Value,
            claim.RetractedAtUtc is { } retractedAt ? new RetractionNotice(retractedAt, claim.RetractionReason) : null,
            claim.MergedInto is { } into ? new MergedClaimLink(into.Id, into.Slug, into.Summary) : null);
        return new ClaimVersionLookup(claim.Slug, page.Url, page);
    }

    /// <summary>
    /// The snapshot as the claim page's model, so the claim page's components render it. Links use the
    /// claim's slug of today (<paramref name="slug"/>): an old one would only cost the reader a redirect.
    /// Topics, appearances and similar claims are not part of a version: they are navigation, not what was cited.
    /// </summary>
    public ClaimPageModel ToPage(ClaimVersionSnapshot snapshot, string slug)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var verdicts = snapshot.Verdicts
            .Select(v => new VerdictView(
                v.Id,
                Enum.Parse<Rating>(v.Rating),
                v.Headline,
                markdown.ToHtml(v.RationaleMarkdown),
                v.Author,
                ReportedDate.Parse(v.AsOf),
                v.PublishedAtUtc,
                v.CorrectionNote,
                v.ClaimReviewed,
                v.PublishedOn is { } on ? ReportedDate.Parse(on) : null))
            .ToList();
        var c = snapshot.Claimant;
        return new ClaimPageModel(
            snapshot.ClaimId,
            slug,
            snapshot.Quote,
            snapshot.IsVerbatim,
            snapshot.Summary,
            new ClaimantView(c.Name, Enum.Parse<ClaimantKind>(c.Kind), c.Role, c.Affiliation, c.Slug),
            ReportedDate.Parse(snapshot.SaidOn),
            snapshot.SaidWhere,
            [],
            verdicts.FirstOrDefault(),
            verdicts.Skip(1).ToList(),
            snapshot.Evidence
                .Select(e => new EvidenceView(
                    Enum.Parse<Stance>(e.Stance),
                    e.Organization,
                    ReportedDate.Parse(e.FoundOn).ToDisplayString(),
                    e.Passage.Exact,
                    e.Note,
                    e.Source.Title,
                    e.Source.Publisher,
                    SiteUrls.Passage(e.Source.Id, e.Source.Slug, e.Passage.Id))
                {
                    // The snapshot keeps the links out as they stood; it has no access date or loss date to show.
                    OriginalUrl = EvidenceView.OriginalLink(e.Source.OriginalUrl, e.Passage.Exact, e.Passage.Prefix, e.Passage.Suffix, e.Passage.Lost),
                    ArchiveUrl = MarkdownRenderer.IsWebUrl(e.Source.ArchiveUrl) ? e.Source.ArchiveUrl : null,
                })
                .ToList(),
            []);
    }

    /// <summary>"30 November 2026": the day a version was published, as the banner and the history say it.</summary>
    public static string DisplayDate(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
