using System.Globalization;
using FactCheck.Data.Entities;
using FactCheck.Data.Search;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Api;

/// <summary>The API's URL shapes, and absolute URLs for both the API and the site's pages under one base.</summary>
public sealed class ApiLinks(string baseUrl)
{
    public const string Prefix = "/api";

    public static ApiLinks For(HttpRequest request) =>
        new(request.HttpContext.RequestServices.GetRequiredService<SiteSettings>().BaseUrlFor(request));

    public string BaseUrl => baseUrl;

    public string Absolute(string path) => SiteUrls.Absolute(baseUrl, path);

    public static string ClaimPath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}/claims/{id}");

    public static string SourcePath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}/sources/{id}");

    public static string SourceTextPath(int id) => SourcePath(id) + "/text";

    public static string EvidencePath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}/evidence/{id}");

    public static string VerdictPath(int id) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}/verdicts/{id}");

    public static string ClaimantPath(string slug) => $"{Prefix}/claimants/{Uri.EscapeDataString(slug)}";

    public ApiClaimRef Claim(int id, string slug, string summary) =>
        new(id, slug, summary, Absolute(SiteUrls.Claim(id, slug)), Absolute(ClaimPath(id)));

    public ApiClaimantRef Claimant(string slug, string name) =>
        new(slug, name, Absolute(SiteUrls.Claimant(slug)), Absolute(ClaimantPath(slug)));

    public ApiTopicRef Topic(string slug, string name) => new(slug, name, Absolute(SiteUrls.Topic(slug)));

    public ApiSourceRef Source(int id, string slug, string title, string publisher, ReportedDate publishedOn, string? originalUrl, string? archiveUrl) =>
        new(id, slug, title, publisher, publishedOn.ToIsoString(), originalUrl, archiveUrl, Absolute(SiteUrls.Source(id, slug)), Absolute(SourcePath(id)));

    public ApiPassage Passage(int id, int sourceId, string sourceSlug, string exact, string prefix, string suffix, int start, int end, DateTime? lostAtUtc) =>
        new(id, exact, prefix, suffix, start, end, lostAtUtc is not null, Absolute(SiteUrls.Passage(sourceId, sourceSlug, id)));

    public static ApiRating Rating(Rating rating)
    {
        var info = RatingScale.Get(rating);
        return new ApiRating(info.Slug, info.Label, info.Value);
    }

    public static string StanceName(Stance stance) => stance switch
    {
        Stance.Contradicts => "contradicts",
        Stance.Supports => "supports",
        _ => "adds-context",
    };

    /// <summary>"NewsArticle" as "news-article": the API's enumerations are lower-case with hyphens, like the rating slugs.</summary>
    public static string Kebab(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>The index marks matches with control characters; the API gives plain text.</summary>
    public static string PlainText(string highlighted) =>
        highlighted.Replace(SearchHighlight.Start.ToString(), string.Empty, StringComparison.Ordinal)
            .Replace(SearchHighlight.End.ToString(), string.Empty, StringComparison.Ordinal);
}
