using System.Globalization;
using FactCheck.Data.Entities;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Sources;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Citations;

/// <summary>A download link in the "Cite this" box.</summary>
public sealed record CitationDownload(string Label, string Href, string FileName);

/// <summary>What the "Cite this" box shows for one cited work: its permalink, the three styles and the downloads.</summary>
public sealed record CitationBox(string Permalink, IReadOnlyList<FormattedCitation> Styles, IReadOnlyList<CitationDownload> Downloads);

/// <summary>One cited passage of a document, with a few words to tell it from the others.</summary>
public sealed record PassageCitationBox(int PassageId, string Excerpt, CitationBox Box);

/// <summary>
/// A meta tag for reference managers and link previews. Open Graph names go in a property attribute, the
/// Highwire (citation_*) and Twitter names in a name attribute.
/// </summary>
public sealed record HeadMeta(string Name, string Content)
{
    public bool IsProperty => Name.StartsWith("og:", StringComparison.Ordinal);
}

/// <summary>The head tags and the box of one page.</summary>
public sealed record CitationPage(CitationBox Box, IReadOnlyList<HeadMeta> Head, IReadOnlyList<PassageCitationBox> Passages);

/// <summary>Builds the claim and source pages' citations from the models the pages already loaded: no query of its own.</summary>
public static class CitationPages
{
    private const int ExcerptLength = 90;

    public static CitationPage ForClaim(ClaimPageModel model, SiteSettings site, string baseUrl, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(site);
        var work = CitedWorks.Claim(ClaimCitationData.From(model), site, baseUrl);
        var box = Box(work, accessed, format => CitationFiles.ClaimPath(model.Id, format));

        // Reference managers keep the version read (citation_public_url); a shared link goes to the claim's page.
        var canonical = SiteUrls.Absolute(baseUrl, model.Url);
        var head = Head(work, site, PageDescriptions.Claim(model), authorTag: site.Name)
            .Select(tag => tag.Name == "og:url" ? tag with { Content = canonical } : tag)
            .ToList();
        return new CitationPage(box, head, []);
    }

    /// <summary>The document as a whole, and each cited passage with its own permalink and downloads.</summary>
    public static CitationPage ForSource(SourcePageModel model, SiteSettings site, string baseUrl, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(site);
        var document = DocumentCitationData.From(model);
        var work = CitedWorks.Document(document, site, baseUrl);
        var box = Box(work, accessed, format => CitationFiles.DocumentPath(model.Id, null, format));
        var passages = model.Passages
            .OrderBy(p => p.Start)
            .ThenBy(p => p.Id)
            .Select(p => new PassageCitationBox(
                p.Id,
                Excerpt(model.Text, p),
                Box(CitedWorks.Document(document, site, baseUrl, p.Id), accessed, format => CitationFiles.DocumentPath(model.Id, p.Id, format))))
            .ToList();
        return new CitationPage(box, Head(work, site, PageDescriptions.Source(model), authorTag: work.Author), passages);
    }

    public static CitationBox Box(CitedWork work, DateOnly accessed, Func<CitationFileFormat, string> pathOf)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(pathOf);
        return new CitationBox(
            work.Url,
            CitationFormatter.All(work, accessed),
            CitationFiles.All.Select(format => new CitationDownload(format.Label, pathOf(format), format.FileName(work))).ToList());
    }

    /// <summary>
    /// Highwire Press citation_* tags (what Zotero and Google Scholar read first), Open Graph and a Twitter card.
    /// citation_author only for a real author: the claim page's is the site; a document whose byline is unknown
    /// has only a publisher, and Zotero would split "Polygraph.info (Voice of America)" into a person's names.
    /// </summary>
    private static List<HeadMeta> Head(CitedWork work, SiteSettings site, string description, string? authorTag)
    {
        var head = new List<HeadMeta> { new("citation_title", work.Title) };
        if (authorTag is not null)
        {
            head.Add(new("citation_author", authorTag));
        }

        head.Add(new("citation_publisher", work.Publisher));
        if (work.Issued is { } issued)
        {
            head.Add(new("citation_publication_date", HighwireDate(issued)));
        }

        head.AddRange(
        [
            new("citation_public_url", work.Url),
            new("og:title", work.Title),
            new("og:type", "article"),
            new("og:url", work.Url),
            new("og:description", description),
            new("og:site_name", site.Name),
            new("twitter:card", "summary"),
            new("twitter:title", work.Title),
            new("twitter:description", description),
        ]);
        return head;
    }

    // Google Scholar's form, to the precision known: "2021/12/05", "2021/12" or "2021".
    private static string HighwireDate(ReportedDate date) => date.Precision switch
    {
        DatePrecision.Day => date.Date.ToString("yyyy'/'MM'/'dd", CultureInfo.InvariantCulture),
        DatePrecision.Month => date.Date.ToString("yyyy'/'MM", CultureInfo.InvariantCulture),
        _ => date.Date.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    private static string Excerpt(string text, PassageSpan span)
    {
        var start = Math.Clamp(span.Start, 0, text.Length);
        var end = Math.Clamp(span.End, start, text.Length);
        var words = string.Join(' ', text[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return TextBlocks.Excerpt(words, ExcerptLength);
    }
}
