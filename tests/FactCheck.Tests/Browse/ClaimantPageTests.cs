using System.Net;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Browse;

[Collection(FactCheckAppCollection.Name)]
public class ClaimantPageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Taliban_scorecard_counts_match_the_record()
    {
        var archive = await BrowseData.LoadAsync(App);
        var taliban = archive.Where(c => c.ClaimantSlug == "taliban").ToList();
        Assert.NotEmpty(taliban);

        var page = await GetPageAsync("/claimants/taliban");

        var table = page.QuerySelector("main table.scorecard");
        Assert.NotNull(table);
        Assert.False(string.IsNullOrWhiteSpace(table.QuerySelector("caption")?.TextContent), "the scorecard needs a caption");
        var shown = table.QuerySelectorAll("tbody tr").ToDictionary(
            row => TextNormalizer.Collapse(row.QuerySelector("th")!.TextContent),
            row => int.Parse(TextNormalizer.Collapse(row.QuerySelector("td")!.TextContent), System.Globalization.CultureInfo.InvariantCulture));

        var expectedRows = RatingScale.All.Select(r => (Rating?)r.Rating).Append(null).ToList();
        Assert.Equal(expectedRows.Select(BrowseData.Label), shown.Keys);
        foreach (var rating in expectedRows)
        {
            Assert.True(
                taliban.Count(c => c.Rating == rating) == shown[BrowseData.Label(rating)],
                $"{BrowseData.Label(rating)}: the page says {shown[BrowseData.Label(rating)]}, the record {taliban.Count(c => c.Rating == rating)}");
        }

        Assert.Equal(taliban.Count, shown.Values.Sum());
        Assert.True(shown["Under review"] >= 1 && shown["Misleading"] >= 1 && shown["False"] >= 1, "the seeds give the Taliban a Misleading, a False and an unrated claim");
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
