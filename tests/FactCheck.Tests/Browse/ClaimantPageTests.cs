using System.Net;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Browse;

[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ClaimantPageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Taliban_scorecard_counts_match_the_record()
    {
        var archive = await BrowseData.LoadAsync(App);
        var taliban = archive.Where(c => c.ClaimantSlug == "taliban").ToList();
        Assert.NotEmpty(taliban);
        var expected = taliban.GroupBy(c => c.Rating).ToDictionary(g => BrowseData.Label(g.Key), g => g.Count());

        var page = await GetPageAsync("/claimants/taliban");

        // The numbers as text: one line per rating that occurs, no row of zeros.
        var list = page.QuerySelector("main ul.scorecard-list");
        Assert.NotNull(list);
        var shown = list.QuerySelectorAll("li").ToDictionary(
            item => TextNormalizer.Collapse(item.QuerySelector(".rating")!.TextContent),
            item => int.Parse(TextNormalizer.Collapse(item.QuerySelector(".scorecard-list__count")!.TextContent).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(kv => kv.Key), shown.OrderBy(kv => kv.Key));
        Assert.DoesNotContain(0, shown.Values);
        Assert.True(shown["Under review"] >= 1 && shown["Misleading"] >= 1 && shown["False"] >= 1, "the seeds give the Taliban a Misleading, a False and an unrated claim");
        Assert.Null(page.QuerySelector("main table.scorecard"));

        // The picture: one labelled image whose text alternative carries the same numbers.
        var svg = page.QuerySelector("main svg[role=img]");
        Assert.NotNull(svg);
        var alternative = TextNormalizer.Collapse(string.Join(" ", svg.GetAttribute("aria-labelledby")!.Split(' ').Select(id => page.GetElementById(id)!.TextContent)));
        Assert.Contains($"{taliban.Count} claims", alternative, StringComparison.Ordinal);
        foreach (var (label, count) in expected)
        {
            Assert.Contains($"{label}: {count}.", alternative, StringComparison.Ordinal);
        }

        // Each bar is labelled with its rating name in the picture itself, not by colour alone.
        Assert.Equal(expected.Count, svg.QuerySelectorAll("rect.bar-chart__bar").Length);
        Assert.Equal(expected.Keys.Order(), svg.QuerySelectorAll("text.bar-chart__label").Select(t => TextNormalizer.Collapse(t.TextContent)).Order());
    }

    [Fact]
    public async Task A_claimant_with_one_claim_gets_one_bar_and_a_sentence_not_a_table_of_zeros()
    {
        var page = await GetPageAsync("/claimants/abdul-qahar-balki");

        var svg = page.QuerySelector("main svg[role=img]");
        Assert.NotNull(svg);
        Assert.Single(svg.QuerySelectorAll("rect.bar-chart__bar"));
        var alternative = TextNormalizer.Collapse(string.Join(" ", svg.GetAttribute("aria-labelledby")!.Split(' ').Select(id => page.GetElementById(id)!.TextContent)));
        Assert.Equal("Current ratings of Abdul Qahar Balki’s 1 claim Misleading: 1.", alternative);
        Assert.Equal("1 claim on the record, all rated.", TextNormalizer.Collapse(page.QuerySelector("main .bar-chart__caption")!.TextContent));
        Assert.DoesNotContain("0 claims", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_and_record_list_every_claim_newest_first_with_its_rating()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.Where(c => c.ClaimantSlug == "taliban").OrderByDescending(c => c.SaidOn).ThenByDescending(c => c.Id).ToList();

        var page = await GetPageAsync("/claimants/taliban");

        Assert.Equal("The Taliban", TextNormalizer.Collapse(page.QuerySelector("h1")!.TextContent));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains("Islamic Emirate", page.QuerySelector("main .profile")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Organisation", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var rows = ClaimsBrowseTests.Rows(page);
        Assert.Equal(expected.Select(c => c.Path), rows.Select(ClaimsBrowseTests.ClaimPath));
        Assert.Equal(expected.Select(c => BrowseData.Label(c.Rating)), rows.Select(ClaimsBrowseTests.BadgeText));
    }

    [Fact]
    public async Task Claim_page_links_the_claimant_to_their_record()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var page = await GetPageAsync(balki.Path);

        var link = page.QuerySelectorAll("main a[href]").FirstOrDefault(a => TextNormalizer.Collapse(a.TextContent) == "Abdul Qahar Balki");
        Assert.NotNull(link);
        Assert.Equal("/claimants/abdul-qahar-balki", link.GetAttribute("href"));
        var profile = await GetPageAsync("/claimants/abdul-qahar-balki");
        Assert.Contains(balki.Path, ClaimsBrowseTests.Rows(profile).Select(ClaimsBrowseTests.ClaimPath));
    }

    [Theory]
    [InlineData("/claimants/no-such-person")]
    [InlineData("/claimants/Taliban%20OR%201=1")]
    public async Task Unknown_claimant_is_a_real_404(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
