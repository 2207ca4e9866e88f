using System.Text.Json;
using System.Text.Json.Nodes;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// schema.org ClaimReview for a claim page, so search engines and fact-check aggregators can read the
/// verdict. Serialised with System.Text.Json's default encoder, which escapes &lt; &gt; and &amp;, so the
/// output cannot close the &lt;script&gt; element it is placed in.
/// </summary>
public sealed class ClaimReviewJsonLd(SiteSettings site)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The JSON-LD text, or null when the claim has no published verdict (nothing has been reviewed).</summary>
    /// <param name="baseUrl">Public origin such as "https://factcheck.example", from <see cref="SiteSettings.BaseUrlFor"/>.</param>
    public string? Build(ClaimPageModel claim, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var verdict = claim.CurrentVerdict;
        if (verdict is null)
        {
            return null;
        }

        var rating = RatingScale.Get(verdict.Rating);
        var appearances = claim.Appearances
            .OrderBy(a => a.PublishedOn.Date)
            .ThenBy(a => a.PassageId)
            .Select(a => Appearance(a, baseUrl))
            .ToList();

        var itemReviewed = new JsonObject
        {
            ["@type"] = "Claim",
            ["author"] = ClaimAuthor(claim.Claimant),
            ["datePublished"] = claim.SaidOn.ToIsoString(),
        };
        if (appearances.Count > 0)
        {
            itemReviewed["appearance"] = new JsonArray([.. appearances]);
            itemReviewed["firstAppearance"] = appearances[0].DeepClone();
        }

        var review = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "ClaimReview",
            ["url"] = SiteUrls.Absolute(baseUrl, claim.Url),
            ["claimReviewed"] = verdict.ClaimReviewed ?? (string.IsNullOrWhiteSpace(claim.Summary) ? claim.Quote : claim.Summary),
            ["author"] = ReviewAuthor(verdict.Author, baseUrl),
            ["reviewRating"] = new JsonObject
            {
                ["@type"] = "Rating",
                ["ratingValue"] = RatingScale.ClaimReviewValue(verdict.Rating),
                ["bestRating"] = RatingScale.BestValue,
                ["worstRating"] = RatingScale.WorstValue,
                ["alternateName"] = rating.Label,
            },
            ["itemReviewed"] = itemReviewed,
        };

        // The review's own publication date, to the precision known: Polygraph.info published its Balki
        // fact-check in December 2021, and a full date would invent a day ("2021-12" is ISO 8601). When the
        // archive does not know it, the property is left out rather than filled with the as-of date: that is
        // the date the rating speaks for, not when anyone published it, and Google lists datePublished as
        // recommended, not required.
        if (verdict.PublishedOn is { } publishedOn)
        {
            review["datePublished"] = publishedOn.ToIsoString();
        }

        return review.ToJsonString(Options);
    }

    /// <summary>
    /// ClaimReview's author is the organisation that reviewed the claim, which aggregators credit: Polygraph.info
    /// for its archived fact-check, this newsroom for a verdict its desk published. Only our own has a known URL.
    /// </summary>
    private JsonObject ReviewAuthor(string author, string baseUrl)
    {
        var organisation = new JsonObject { ["@type"] = "Organization", ["name"] = author };
        if (string.Equals(author, site.Name, StringComparison.Ordinal))
        {
            organisation["url"] = baseUrl.TrimEnd('/') + "/";
        }

        return organisation;
    }

    private static JsonObject ClaimAuthor(ClaimantView claimant)
    {
        var author = new JsonObject
        {
            ["@type"] = claimant.Kind == ClaimantKind.Organization ? "Organization" : "Person",
            ["name"] = claimant.Name,
        };
        if (claimant.Kind == ClaimantKind.Person)
        {
            if (!string.IsNullOrWhiteSpace(claimant.Role))
            {
                author["jobTitle"] = claimant.Role;
            }

            if (!string.IsNullOrWhiteSpace(claimant.Affiliation))
            {
                author["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = claimant.Affiliation };
            }
        }

        return author;
    }

    private static JsonObject Appearance(AppearanceView appearance, string baseUrl) => new()
    {
        ["@type"] = "CreativeWork",
        ["url"] = MarkdownRenderer.IsWebUrl(appearance.OriginalUrl) ? appearance.OriginalUrl : SiteUrls.Absolute(baseUrl, appearance.SourceUrl),
        ["headline"] = appearance.SourceTitle,
        ["datePublished"] = appearance.PublishedOn.ToIsoString(),
        ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = appearance.SourcePublisher },
    };
}
