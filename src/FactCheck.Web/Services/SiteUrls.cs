using System.Globalization;

namespace FactCheck.Web.Services;

/// <summary>The site's public URL shapes, in one place so pages, redirects and JSON-LD agree.</summary>
public static class SiteUrls
{
    public static string Claim(int id, string slug) => string.Create(CultureInfo.InvariantCulture, $"/claims/{id}/{Uri.EscapeDataString(slug)}");

    public static string Source(int id, string slug) => string.Create(CultureInfo.InvariantCulture, $"/sources/{id}/{Uri.EscapeDataString(slug)}");

    public static string PassageAnchor(int passageId) => string.Create(CultureInfo.InvariantCulture, $"passage-{passageId}");

    public static string Passage(int sourceId, string sourceSlug, int passageId) => Source(sourceId, sourceSlug) + "#" + PassageAnchor(passageId);

    public static string Topic(string slug) => "/#topic-" + Uri.EscapeDataString(slug);

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;
}
