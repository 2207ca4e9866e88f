using System.Globalization;
using System.Text;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Sources;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Citations;

/// <summary>What a claim citation needs: as much as the claim page has already loaded, or the endpoints' two small queries.</summary>
/// <param name="Version">The page's newest version, which the citation's URL names; null when it has none yet.</param>
public sealed record ClaimCitationData(int Id, string Slug, string Summary, string ClaimantName, ClaimVerdictData? Verdict, int? Version = null)
{
    public static ClaimCitationData From(ClaimPageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(page.Id, page.Slug, page.Summary, page.Claimant.Name, page.CurrentVerdict is { } verdict
            ? new ClaimVerdictData(verdict.Rating, verdict.Author, verdict.Shown)
            : null, page.History.Newest?.Number);
    }
}

/// <summary>The current verdict, as far as a citation or an embedded card tells it.</summary>
public sealed record ClaimVerdictData(Rating Rating, string Author, ShownDate Shown);

/// <summary>An archived document's bibliographic details.</summary>
public sealed record DocumentCitationData(int Id, string Slug, string Title, string? Author, string Publisher, ReportedDate PublishedOn)
{
    public static DocumentCitationData From(SourcePageModel page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new(page.Id, page.Slug, page.Title, page.Author, page.Publisher, page.PublishedOn);
    }
}

/// <summary>Turns a claim or a document into the <see cref="CitedWork"/> every style and format is written from.</summary>
public static class CitedWorks
{
    /// <summary>
    /// A claim page is cited as a web page by the site. Its title names the claimant before the summary: the
    /// summary alone ("The Taliban are fully enforcing their amnesty…") would read in a bibliography as the site's
    /// own assertion. Its date is the date readers are shown for the current verdict (<see cref="ShownDate"/>); a
    /// claim still under review has none ("n.d."), rather than a date that says nothing about the page. Its URL is
    /// the version read (/claims/{id}/{slug}/v/{n}): the claim page changes as verdicts and evidence arrive, and
    /// a citation must lead to what was cited (docs/decisions/claim-versions.md).
    /// </summary>
    public static CitedWork Claim(ClaimCitationData claim, SiteSettings site, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(site);
        return new CitedWork(
            KeyFor(site, string.Create(CultureInfo.InvariantCulture, $"claim-{claim.Id}")),
            ClaimTitle(claim),
            Author: null,
            site.Name,
            claim.Verdict?.Shown.Date,
            SiteUrls.Absolute(baseUrl, claim.Version is { } n ? SiteUrls.ClaimVersion(claim.Id, claim.Slug, n) : SiteUrls.Claim(claim.Id, claim.Slug)),
            ChangesOverTime: true);
    }

    /// <summary>"Abdul Qahar Balki: The Taliban are fully enforcing their amnesty, …": claimant and summary, no closing stop.</summary>
    public static string ClaimTitle(ClaimCitationData claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return $"{claim.ClaimantName}: {claim.Summary.Trim().TrimEnd('.')}";
    }

    /// <summary>
    /// An archived document, cited as its publisher published it, at this site's archived copy: the whole document,
    /// or one passage (its permalink /sources/{id}/{slug}#passage-{pid}).
    /// </summary>
    public static CitedWork Document(DocumentCitationData document, SiteSettings site, string baseUrl, int? passageId = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(site);
        var path = passageId is { } pid ? SiteUrls.Passage(document.Id, document.Slug, pid) : SiteUrls.Source(document.Id, document.Slug);
        var key = passageId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"source-{document.Id}-passage-{id}")
            : string.Create(CultureInfo.InvariantCulture, $"source-{document.Id}");
        return new CitedWork(
            KeyFor(site, key),
            document.Title.Trim().TrimEnd('.'),
            string.IsNullOrWhiteSpace(document.Author) ? null : document.Author.Trim(),
            document.Publisher,
            document.PublishedOn,
            SiteUrls.Absolute(baseUrl, path),
            ChangesOverTime: false);
    }

    // BibTeX keys and file names: ASCII letters and digits from the site's name ("factcheck"), so a key is safe
    // in a .bib file and a Content-Disposition header whatever the site is called.
    private static string KeyFor(SiteSettings site, string rest)
    {
        var prefix = new StringBuilder();
        foreach (var c in site.Name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                prefix.Append(char.ToLowerInvariant(c));
            }
        }

        return (prefix.Length == 0 ? SiteSettings.DefaultName.ToLowerInvariant() : prefix.ToString()) + "-" + rest;
    }
}
