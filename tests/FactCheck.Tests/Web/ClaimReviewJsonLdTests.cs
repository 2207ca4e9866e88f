using System.Globalization;
using System.Text.Json;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>
/// The schema.org ClaimReview on the claim page is what search engines and fact-check aggregators read,
/// so it must parse and say the same as the page.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ClaimReviewJsonLdTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Claim_page_carries_a_parseable_claim_review()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var review = await LoadClaimReviewAsync(balki.Path);

        Assert.Contains("schema.org", review.GetProperty("@context").ToString(), StringComparison.Ordinal);
        Assert.Equal("ClaimReview", review.GetProperty("@type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(review.GetProperty("claimReviewed").GetString()));
        Assert.Equal(Resolve(balki.Path).AbsoluteUri, review.GetProperty("url").GetString());
        Assert.True(DateOnly.TryParse(review.GetProperty("datePublished").GetString(), CultureInfo.InvariantCulture, out _),
            "datePublished is not an ISO date");
        Assert.False(string.IsNullOrWhiteSpace(review.GetProperty("author").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_review_is_credited_to_the_organisation_that_reached_the_verdict()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var author = (await LoadClaimReviewAsync(balki.Path)).GetProperty("author");

        Assert.Equal("Organization", author.GetProperty("@type").GetString());
        Assert.Equal("Polygraph.info", author.GetProperty("name").GetString());
        Assert.False(author.TryGetProperty("url", out _), "Polygraph.info's review must not carry this site's address");
    }

    [Fact]
    public async Task Review_rating_uses_the_public_scale()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var rating = (await LoadClaimReviewAsync(balki.Path)).GetProperty("reviewRating");

        Assert.Equal("Rating", rating.GetProperty("@type").GetString());
        Assert.Equal(RatingScale.ClaimReviewValue(Rating.Misleading), Number(rating.GetProperty("ratingValue")));
        Assert.Equal(RatingScale.BestValue, Number(rating.GetProperty("bestRating")));
        Assert.Equal(RatingScale.WorstValue, Number(rating.GetProperty("worstRating")));
        Assert.Equal("Misleading", rating.GetProperty("alternateName").GetString());
    }

    [Fact]
    public async Task Item_reviewed_is_the_claim_with_its_author_and_appearances()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var item = (await LoadClaimReviewAsync(balki.Path)).GetProperty("itemReviewed");

        Assert.Equal("Claim", item.GetProperty("@type").GetString());
        Assert.Equal("Abdul Qahar Balki", item.GetProperty("author").GetProperty("name").GetString());

        var appearances = item.GetProperty("appearance");
        var list = appearances.ValueKind == JsonValueKind.Array ? appearances.EnumerateArray().ToList() : [appearances];
        Assert.Equal(balki.Appearances.Count, list.Count);
        Assert.All(list, a => Assert.True(Uri.IsWellFormedUriString(UrlOf(a), UriKind.Absolute), $"appearance without an absolute url: {a}"));

        var first = item.GetProperty("firstAppearance");
        Assert.True(Uri.IsWellFormedUriString(UrlOf(first), UriKind.Absolute), $"firstAppearance without an absolute url: {first}");
    }

    private async Task<JsonElement> LoadClaimReviewAsync(string path)
    {
        var page = await GetPageAsync(path);
        var scripts = page.QuerySelectorAll("script[type='application/ld+json']");
        Assert.NotEmpty(scripts);

        foreach (var script in scripts)
        {
            using var json = JsonDocument.Parse(script.TextContent);
            foreach (var node in Nodes(json.RootElement))
            {
                if (node.TryGetProperty("@type", out var type) && type.GetString() == "ClaimReview")
                {
                    return node.Clone();
                }
            }
        }

        Assert.Fail("no ClaimReview object in the page's JSON-LD");
        return default;
    }

    /// <summary>JSON-LD may be one object, an array, or an @graph.</summary>
    private static IEnumerable<JsonElement> Nodes(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray().SelectMany(Nodes),
        JsonValueKind.Object when root.TryGetProperty("@graph", out var graph) => Nodes(graph),
        JsonValueKind.Object => [root],
        _ => [],
    };

    /// <summary>ClaimReview consumers accept "3" as well as 3.</summary>
    private static int Number(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetInt32();

    /// <summary>An appearance is either a URL or a CreativeWork with a url.</summary>
    private static string? UrlOf(JsonElement appearance) => appearance.ValueKind == JsonValueKind.String
        ? appearance.GetString()
        : appearance.TryGetProperty("url", out var url) ? url.GetString() : null;
}
