using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace FactCheck.Web.Site;

/// <summary>The site's public URL shapes, in one place so pages, redirects and JSON-LD agree.</summary>
public static class SiteUrls
{
    public static string Claim(int id, string slug) => string.Create(CultureInfo.InvariantCulture, $"/claims/{id}/{Uri.EscapeDataString(slug)}");

    /// <summary>A claim page as it stood at version <paramref name="number"/>: the permalink a citation names.</summary>
    public static string ClaimVersion(int id, string slug, int number) => Claim(id, slug) + string.Create(CultureInfo.InvariantCulture, $"/v/{number}");

    public static string Source(int id, string slug) => string.Create(CultureInfo.InvariantCulture, $"/sources/{id}/{Uri.EscapeDataString(slug)}");

    public static string PassageAnchor(int passageId) => string.Create(CultureInfo.InvariantCulture, $"passage-{passageId}");

    public static string Passage(int sourceId, string sourceSlug, int passageId) => Source(sourceId, sourceSlug) + "#" + PassageAnchor(passageId);

    public static string Topic(string slug) => "/topics/" + Uri.EscapeDataString(slug);

    public const string Topics = "/topics";

    public static string Claimant(string slug) => "/claimants/" + Uri.EscapeDataString(slug);

    public const string ClaimsPath = "/claims";

    /// <summary>/claims filtered, e.g. <c>Claims(claimant: "taliban", rating: "false")</c>; page 1 has no page parameter.</summary>
    public static string Claims(string? rating = null, string? claimant = null, string? topic = null) =>
        QueryHelpers.AddQueryString(ClaimsPath, new Dictionary<string, string?>
        {
            ["rating"] = rating,
            ["claimant"] = claimant,
            ["topic"] = topic,
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    public const string VerdictsFeed = "/feeds/verdicts.atom";

    public const string Corrections = "/corrections";

    public const string CorrectionsFeed = "/feeds/corrections.atom";

    public static string Absolute(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;
}
