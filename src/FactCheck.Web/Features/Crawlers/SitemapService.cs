using System.Globalization;
using System.Text;
using System.Xml;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Crawlers;

/// <summary>
/// The sitemaps (https://www.sitemaps.org/protocol.html): /sitemap.xml is always a sitemap index, naming one
/// file per section and page (/sitemaps/claims-1.xml, claims-2.xml …), each of at most
/// <see cref="MaxUrlsPerFile"/> URLs as the protocol allows. An index from the start means the address a
/// newsroom submits to search engines never changes shape as the archive grows past 50,000 claims.
/// <para>
/// Each file is one query (the index: one count per section), read without tracking, in full, then written. lastmod is given where the database knows it for the row itself: a claim's newest published verdict
/// (or its creation), a document's import; a claimant or topic page has no date of its own without a query
/// over all its claims, and lastmod is optional, so those leave it out.
/// </para>
/// </summary>
public sealed class SitemapService(FactCheckDbContext db, SiteSettings site)
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string ContentType = "application/xml; charset=utf-8";

    /// <summary>The protocol's limit per file (it also caps a file at 50 MB, which 50,000 of our URLs stay far below).</summary>
    public const int MaxUrlsPerFile = 50_000;

    public const string IndexPath = "/sitemap.xml";

    /// <summary>The sections, in the order the index lists them; "pages" is the fixed reader pages.</summary>
    public static readonly IReadOnlyList<string> Sections = ["pages", "claims", "sources", "claimants", "topics"];

    private readonly int _pageSize = MaxUrlsPerFile;

    /// <summary>For tests: a small page size shows the paging without 50,000 rows.</summary>
    internal SitemapService(FactCheckDbContext db, SiteSettings site, int pageSize)
        : this(db, site) => _pageSize = pageSize;

    public static string FilePath(string section, int page) => string.Create(CultureInfo.InvariantCulture, $"/sitemaps/{section}-{page}.xml");

    /// <summary>Reads "claims-2.xml" as section and page; false for anything else, so it answers 404.</summary>
    public static bool TryParseFile(string? file, out string section, out int page)
    {
        section = "";
        page = 0;
        if (file is null || !file.EndsWith(".xml", StringComparison.Ordinal))
        {
            return false;
        }

        var dash = file.LastIndexOf('-');
        if (dash <= 0
            || !int.TryParse(file.AsSpan(dash + 1, file.Length - dash - 1 - ".xml".Length), NumberStyles.None, CultureInfo.InvariantCulture, out page)
            || page < 1)
        {
            return false;
        }

        var name = file[..dash];
        section = Sections.FirstOrDefault(s => string.Equals(s, name, StringComparison.Ordinal)) ?? "";
        return section.Length > 0;
    }

    public async Task WriteIndexAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var baseUrl = site.BaseUrlFor(response.HttpContext.Request);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["pages"] = 1,
            ["claims"] = await db.Claims.CountAsync(cancellationToken),
            ["sources"] = await db.Sources.CountAsync(cancellationToken),
            ["claimants"] = await db.Claimants.CountAsync(cancellationToken),
            ["topics"] = await db.Topics.CountAsync(cancellationToken),
        };

        response.ContentType = ContentType;
        await using var xml = CreateWriter(response);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "sitemapindex", Namespace);
        foreach (var section in Sections)
        {
            // An empty section is not announced: its first file would be an empty urlset, which answers 404.
            var pages = (counts[section] + _pageSize - 1) / _pageSize;
            for (var page = 1; page <= pages; page++)
            {
                await xml.WriteStartElementAsync(null, "sitemap", Namespace);
                await xml.WriteElementStringAsync(null, "loc", Namespace, SiteUrls.Absolute(baseUrl, FilePath(section, page)));
                await xml.WriteEndElementAsync();
            }
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    /// <summary>Writes one sitemap file; false (nothing written) when the page is past the section's end.</summary>
    public async Task<bool> TryWriteFileAsync(HttpResponse response, string section, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var baseUrl = site.BaseUrlFor(response.HttpContext.Request);
        var skip = (long)(page - 1) * _pageSize;
        if (skip > int.MaxValue)
        {
            return false;
        }

        IAsyncEnumerable<Row>? entries = section switch
        {
            "pages" when page == 1 => FixedPagesAsync(cancellationToken),
            "claims" => db.Claims.AsNoTracking().OrderBy(c => c.Id).Skip((int)skip).Take(_pageSize).Select(c => new Row(
                SiteUrls.Claim(c.Id, c.Slug),
                c.Verdicts.Where(v => v.Status == VerdictStatus.Published).Max(v => v.PublishedAtUtc) ?? c.CreatedAtUtc)).AsAsyncEnumerable(),
            "sources" => db.Sources.AsNoTracking().OrderBy(s => s.Id).Skip((int)skip).Take(_pageSize).Select(s => new Row(
                SiteUrls.Source(s.Id, s.Slug), s.ImportedAtUtc)).AsAsyncEnumerable(),
            "claimants" => db.Claimants.AsNoTracking().OrderBy(c => c.Id).Skip((int)skip).Take(_pageSize).Select(c => new Row(
                SiteUrls.Claimant(c.Slug), null)).AsAsyncEnumerable(),
            "topics" => db.Topics.AsNoTracking().OrderBy(t => t.Id).Skip((int)skip).Take(_pageSize).Select(t => new Row(
                SiteUrls.Topic(t.Slug), null)).AsAsyncEnumerable(),
            _ => null,
        };
        if (entries is null)
        {
            return false;
        }

        // Read to the end before writing: SQLite (no WAL here) holds a read lock while a statement is open, and
        // one left open while a slow crawler downloads 50,000 URLs would keep editors' saves waiting. A file's
        // rows are small (a path and a date). No rows: the page is past the section's end, a 404, not an empty 200.
        var rows = new List<Row>();
        await foreach (var row in entries.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            return false;
        }

        response.ContentType = ContentType;
        await using var xml = CreateWriter(response);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "urlset", Namespace);
        foreach (var row in rows)
        {
            await xml.WriteStartElementAsync(null, "url", Namespace);
            await xml.WriteElementStringAsync(null, "loc", Namespace, SiteUrls.Absolute(baseUrl, row.Path));
            if (row.LastModifiedUtc is { } modified)
            {
                // W3C Datetime, as the protocol asks; stored times are UTC.
                await xml.WriteElementStringAsync(null, "lastmod", Namespace,
                    DateTime.SpecifyKind(modified, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        return true;
    }

    /// <summary>
    /// The home page, the claim list, the topic list and the corrections log: what they show changes when a
    /// verdict is published, so the newest publication is their lastmod (one query).
    /// </summary>
    private async IAsyncEnumerable<Row> FixedPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var newest = await db.Verdicts.AsNoTracking()
            .Where(v => v.Status == VerdictStatus.Published)
            .MaxAsync(v => v.PublishedAtUtc, cancellationToken);
        foreach (var path in new[] { "/", SiteUrls.ClaimsPath, SiteUrls.Topics, SiteUrls.Corrections })
        {
            yield return new Row(path, newest);
        }
    }

    private static XmlWriter CreateWriter(HttpResponse response) =>
        XmlWriter.Create(response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true });

    private sealed record Row(string Path, DateTime? LastModifiedUtc);
}
