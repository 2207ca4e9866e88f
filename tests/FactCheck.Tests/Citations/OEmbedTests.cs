using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Citations;
using FactCheck.Web.Site;

namespace FactCheck.Tests.Citations;

/// <summary>Which URLs name one of our claim pages, and the card's HTML: the pure parts of the oEmbed endpoint.</summary>
public class OEmbedTests
{
    private const string BaseUrl = "https://factcheck.example";

    [Theory]
    [InlineData("https://factcheck.example/claims/12/balki-amnesty", 12)]
    [InlineData("https://factcheck.example/claims/12", 12)]
    [InlineData("https://FACTCHECK.example/claims/12/old-slug/?utm_source=x#top", 12)]
    [InlineData("https://factcheck.example.evil/claims/12/balki-amnesty", null)]
    [InlineData("https://evil.example/claims/12/balki-amnesty", null)]
    [InlineData("http://factcheck.example/claims/12/balki-amnesty", null)]
    [InlineData("https://factcheck.example:8443/claims/12/balki-amnesty", null)]
    [InlineData("https://user@factcheck.example/claims/12/balki-amnesty", null)]
    [InlineData("https://factcheck.example/sources/12/balki-amnesty", null)]
    [InlineData("https://factcheck.example/claims/12/a/b", null)]
    [InlineData("https://factcheck.example/claims/-1/a", null)]
    [InlineData("/claims/12/balki-amnesty", null)]
    [InlineData("javascript:alert(1)", null)]
    public void Only_a_claim_page_on_the_site_itself_names_a_claim(string url, int? expected) =>
        Assert.Equal(expected, OEmbed.ClaimIdFrom(url, BaseUrl));

    [Fact]
    public void The_card_says_the_claim_the_rating_in_words_and_links_back_with_everything_encoded()
    {
        var claim = new ClaimCitationData(12, "balki", "Fully <b>enforced</b> & kept.", "Abdul Qahar Balki",
            new ClaimVerdictData(Rating.Misleading, "Polygraph.info", ShownDate.Of(ReportedDate.Month(2021, 12), ReportedDate.Month(2021, 12))));

        var html = OEmbed.CardHtml(claim, new SiteSettings("FactCheck", null), BaseUrl + "/claims/12/balki");
        var card = Html.ParseFragment(html).Body!;

        var quote = Assert.Single(card.Children);
        Assert.Equal("BLOCKQUOTE", quote.TagName);
        Assert.Empty(card.QuerySelectorAll("script, b, style"));
        Assert.Contains("Abdul Qahar Balki: “Fully <b>enforced</b> & kept.”", quote.TextContent, StringComparison.Ordinal);
        Assert.Equal("Misleading", quote.QuerySelector("strong")!.TextContent);
        Assert.Contains("by Polygraph.info. Published December 2021.", quote.TextContent, StringComparison.Ordinal);
        Assert.Equal(BaseUrl + "/claims/12/balki", quote.QuerySelector("a")!.GetAttribute("href"));
    }
}
