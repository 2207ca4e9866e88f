using System.Text;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Crawlers;

/// <summary>
/// robots.txt (RFC 9309): every reader's page may be crawled; the editors' desk and the account pages may
/// not (they answer a sign-in anyway, and a crawler that follows a setup link only wastes it). The sitemap is
/// named by absolute URL, as the sitemaps protocol requires.
/// </summary>
public static class RobotsTxt
{
    public const string Path = "/robots.txt";
    public const string ContentType = "text/plain; charset=utf-8";

    /// <summary>Path prefixes no crawler should fetch; robots.txt rules are prefixes, so /editor covers /editor/claims/….</summary>
    public static readonly IReadOnlyList<string> DisallowedPrefixes = ["/editor", "/account"];

    public static string Build(string baseUrl)
    {
        var text = new StringBuilder();
        text.Append("User-agent: *\n");
        foreach (var prefix in DisallowedPrefixes)
        {
            text.Append("Disallow: ").Append(prefix).Append('\n');
        }

        text.Append("Allow: /\n\n");
        text.Append("Sitemap: ").Append(SiteUrls.Absolute(baseUrl, SitemapService.IndexPath)).Append('\n');
        return text.ToString();
    }
}
