using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.AspNetCore.Hosting;

namespace FactCheck.Tests.Browse;

/// <summary>The site with three claims a page (Browse:PageSize), so the seven seed claims span three pages.</summary>
public sealed class SmallPageAppFactory : FactCheckAppFactory
{
    public const int PageSize = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Browse:PageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Paging /claims: stable, shareable page URLs that walk the whole filtered list once, in order.</summary>
[Trait("Database", "Both")]
public class ClaimsPagingTests(SmallPageAppFactory app) : WebTestBase(app), IClassFixture<SmallPageAppFactory>
{
    [Fact]
    public async Task Following_next_links_visits_every_claim_once_in_date_order()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.OrderByDescending(c => c.SaidOn).ThenByDescending(c => c.Id).Select(c => c.Path).ToList();

        var seen = new List<string>();
        var urls = new List<string>();
        string? next = "/claims";
        while (next is not null)
        {
            urls.Add(next);
            var page = await GetPageAsync(next);
            var rows = ClaimsBrowseTests.Rows(page);
            Assert.InRange(rows.Count, 1, SmallPageAppFactory.PageSize);
            seen.AddRange(rows.Select(ClaimsBrowseTests.ClaimPath));
            next = page.QuerySelector("nav.pager a[rel='next']")?.GetAttribute("href");
            Assert.True(urls.Count <= 10, "the next links never end");
        }

        Assert.Equal(expected, seen);
        Assert.Equal(["/claims", "/claims?page=2", "/claims?page=3"], urls);
    }

    [Fact]
    public async Task A_filtered_page_url_is_stable_and_keeps_the_filter_in_its_links()
    {
        var archive = await BrowseData.LoadAsync(App);
        var topic = archive.Where(c => c.Topics.Contains("taliban-amnesty-pledges"))
            .OrderByDescending(c => c.SaidOn).ThenByDescending(c => c.Id).Select(c => c.Path).ToList();
        Assert.True(topic.Count > SmallPageAppFactory.PageSize, "the amnesty topic should need two pages of three");

        const string url = "/claims?topic=taliban-amnesty-pledges&page=2";
        var first = await GetPageAsync(url);
        var again = await GetPageAsync(url);

        var rows = ClaimsBrowseTests.Rows(first).Select(ClaimsBrowseTests.ClaimPath).ToList();
        Assert.Equal(topic.Skip(SmallPageAppFactory.PageSize).Take(SmallPageAppFactory.PageSize).ToList(), rows);
        Assert.Equal(rows, ClaimsBrowseTests.Rows(again).Select(ClaimsBrowseTests.ClaimPath).ToList());

        var nav = first.QuerySelector("nav.pager");
        Assert.NotNull(nav);
        Assert.False(string.IsNullOrWhiteSpace(nav.GetAttribute("aria-label")));
        Assert.Equal("/claims?topic=taliban-amnesty-pledges", nav.QuerySelector("a[rel='prev']")!.GetAttribute("href"));
        Assert.Equal(url, nav.QuerySelector("a[aria-current='page']")!.GetAttribute("href"));
        Assert.Contains($"of {topic.Count} claims", TextNormalizer.Collapse(first.QuerySelector("main .result-count")!.TextContent), StringComparison.Ordinal);
    }
}
