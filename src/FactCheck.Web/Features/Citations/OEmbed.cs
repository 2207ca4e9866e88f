using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.Extensions.Primitives;

namespace FactCheck.Web.Features.Citations;

/// <summary>
/// oEmbed 1.0 (https://oembed.com) for claim pages: another site asks /oembed?url=&lt;claim URL&gt; and gets a "rich"
/// verdict card to embed: the claim, its rating in words and a link back. The card is plain HTML with no script and
/// no style, so it runs under any embedding site's Content-Security-Policy and takes on its typography.
/// </summary>
public static class OEmbed
{
    public const string Path = "/oembed";
    public const string ContentType = "application/json; charset=utf-8";
    public const string DiscoveryType = "application/json+oembed";

    /// <summary>What the card is laid out for when the consumer sets no maximum; it is text and reflows narrower.</summary>
    public const int Width = 500;
    public const int Height = 200;

    /// <summary>The discovery link's href: absolute, as consumers resolve it without the page's base.</summary>
    public static string DiscoveryHref(string baseUrl, string claimUrl) =>
        SiteUrls.Absolute(baseUrl, $"{Path}?url={Uri.EscapeDataString(claimUrl)}&format=json");

    /// <summary>
    /// 400 without a url; 501 for any format but JSON (the spec's answer for an unsupported format); 404 for a URL
    /// that is not one of this site's claim pages, judged against the site's own origin
    /// (<see cref="SiteSettings.BaseUrlFor"/>) so a foreign host's URL never names one of our claims.
    /// </summary>
    public static async Task<IResult> AnswerAsync(HttpRequest request, CitationQueries queries, SiteSettings site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(site);
        var url = request.Query["url"].ToString();
        if (string.IsNullOrWhiteSpace(url))
        {
            return Results.BadRequest();
        }

        var format = request.Query["format"].ToString();
        if (format.Length > 0 && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(StatusCodes.Status501NotImplemented);
        }

        var baseUrl = site.BaseUrlFor(request);
        if (ClaimIdFrom(url, baseUrl) is not { } id || await queries.ClaimAsync(id, cancellationToken) is not { } claim)
        {
            return Results.NotFound();
        }

        var json = Build(claim, site, baseUrl, Bounded(request.Query["maxwidth"], Width), Bounded(request.Query["maxheight"], Height));
        return Results.Text(json, ContentType);
    }

    /// <summary>
    /// The claim id of a claim page URL on this site: same scheme, host and port as <paramref name="baseUrl"/>, under
    /// its path, /claims/{id} with or without a slug (an old slug still names the claim). Null for anything else.
    /// </summary>
    public static int? ClaimIdFrom(string url, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var target)
            || !Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var origin)
            || target.Scheme is not ("http" or "https")
            || !string.Equals(target.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            || target.UserInfo.Length > 0
            || Uri.Compare(target, origin, UriComponents.HostAndPort, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }

        var prefix = origin.AbsolutePath.TrimEnd('/') + SiteUrls.ClaimsPath + "/";
        if (!target.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var segments = target.AbsolutePath[prefix.Length..].TrimEnd('/').Split('/');
        return segments.Length <= 2
            && int.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
    }

    /// <summary>
    /// The oEmbed response. author_name is who rated the claim (Polygraph.info for its archived fact-check, the
    /// site for its own desk's verdicts): the card is that verdict, and the claimant did not write it.
    /// </summary>
    public static string Build(ClaimCitationData claim, SiteSettings site, string baseUrl, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(site);
        var url = SiteUrls.Absolute(baseUrl, SiteUrls.Claim(claim.Id, claim.Slug));
        return new JsonObject
        {
            ["version"] = "1.0",
            ["type"] = "rich",
            ["title"] = CitedWorks.ClaimTitle(claim),
            ["author_name"] = claim.Verdict?.Author ?? site.Name,
            ["provider_name"] = site.Name,
            ["provider_url"] = baseUrl.TrimEnd('/') + "/",
            ["html"] = CardHtml(claim, site, url),
            ["width"] = width,
            ["height"] = height,
        }.ToJsonString();
    }

    /// <summary>
    /// The card: a blockquote citing the claim page, the claim in the claimant's name, the rating in words (colour
    /// alone would say nothing in someone else's page), who rated it and when, and the link. Every piece of text
    /// and the URL are HTML-encoded.
    /// </summary>
    public static string CardHtml(ClaimCitationData claim, SiteSettings site, string url)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(site);
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<blockquote class=\"factcheck-card\" cite=\"").Append(e.Encode(url)).Append("\">");
        html.Append("<p>").Append(e.Encode($"{claim.ClaimantName}: {TextBlocks.Quoted(claim.Summary)}")).Append("</p>");
        if (claim.Verdict is { } verdict)
        {
            html.Append("<p>Rating: <strong>").Append(e.Encode(RatingScale.Get(verdict.Rating).Label)).Append("</strong>")
                .Append(e.Encode($", by {verdict.Author}. {verdict.Shown.Label}.")).Append("</p>");
        }
        else
        {
            html.Append("<p>Rating: <strong>not yet rated</strong>; the claim is under review.</p>");
        }

        html.Append("<p><a href=\"").Append(e.Encode(url)).Append("\">").Append(e.Encode($"The evidence on {site.Name}")).Append("</a></p>");
        html.Append("</blockquote>");
        return html.ToString();
    }

    // The spec's maxwidth and maxheight are limits: the answer never exceeds one, and a value that is no
    // positive number is ignored rather than refused.
    private static int Bounded(StringValues value, int preferred) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? Math.Min(max, preferred) : preferred;
}
