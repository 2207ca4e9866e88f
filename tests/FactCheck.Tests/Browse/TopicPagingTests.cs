using FactCheck.Tests.Web;

namespace FactCheck.Tests.Browse;

/// <summary>
/// A topic with years of claims is read a page at a time, oldest first, each page with its claims'
/// evidence and verdicts; with three claims a page the five amnesty claims span two pages.
/// </summary>
[Trait("Database", "Both")]
public class TopicPagingTests(SmallPageAppFactory app) : WebTestBase(app), IClassFixture<SmallPageAppFactory>
{
    private const string Topic = "/topics/taliban-amnesty-pledges";

    [Fact]
    public async Task Following_later_links_shows_every_claim_once_oldest_first()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.Where(c => c.Topics.Contains("taliban-amnesty-pledges"))
            .OrderBy(c => c.SaidOn).ThenBy(c => c.Id).Select(c => c.Path).ToList();
        Assert.True(expected.Count > SmallPageAppFactory.PageSize, "the amnesty topic should need more than one page");

        var seen = new List<string>();
        var urls = new List<string>();
        string? next = Topic;
        while (next is not null)
        {
            urls.Add(next);
            var page = await GetPageAsync(next);
            var statements = page.QuerySelectorAll("ol.timeline li.timeline__event--claim a[href^='/claims/']")
                .Select(a => a.GetAttribute("href")!)
                .Distinct()
                .ToList();
            Assert.InRange(statements.Count, 1, SmallPageAppFactory.PageSize);
            seen.AddRange(statements);
            next = page.QuerySelector("nav.pager a[rel='next']")?.GetAttribute("href");
            Assert.True(urls.Count <= 5, "the later links never end");
        }

        Assert.Equal(expected, seen);
        Assert.Equal([Topic, Topic + "?page=2"], urls);
    }

    [Fact]
    public async Task The_second_page_links_back_and_says_which_claims_it_holds()
    {
        var page = await GetPageAsync(Topic + "?page=2");

        Assert.Equal(Topic, page.QuerySelector("nav.pager a[rel='prev']")?.GetAttribute("href"));
        Assert.Contains("Part 2 of 2", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.EndsWith(Topic + "?page=2", page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?page=abc")]
    [InlineData("?page=-1")]
    [InlineData("?page=99999999999")]
    public async Task A_bad_page_number_shows_a_page_of_the_timeline_rather_than_an_error(string query)
    {
        var page = await GetPageAsync(Topic + query);

        Assert.NotEmpty(page.QuerySelectorAll("ol.timeline li"));
    }
}
