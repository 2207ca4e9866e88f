using System.Net;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Web;

/// <summary>
/// What a browser, a crawler and a link preview read from a page's head: an icon that exists (browsers ask
/// for /favicon.ico unprompted, and Lighthouse counts its 404 as an error on every page) and a description
/// of this page, not of the site in general.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class PageHeadTests(FactCheckAppFactory app) : WebTestBase(app)
{
    public static TheoryData<string> Pages => new() { "/", "/claims", "/search", "/topics", "/topics/taliban-amnesty-pledges", "claim", "source", "claimant" };

    [Fact]
    public async Task Favicon_ico_is_an_icon()
    {
        using var response = await Client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        // ICONDIR: reserved 0, type 1 (icon), then the number of images.
        Assert.True(bytes.Length > 6 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 1 && bytes[3] == 0 && bytes[4] > 0, "not an .ico file");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_links_an_svg_icon_and_the_ico_and_both_load(string which)
    {
        var page = await GetPageAsync(await PathOfAsync(which));
        var icons = page.QuerySelectorAll("head link[rel='icon']").ToList();

        Assert.Contains(icons, icon => icon.GetAttribute("href") == "/favicon.ico");
        var svg = Assert.Single(icons, icon => icon.GetAttribute("type") == "image/svg+xml");
        using var response = await Client.GetAsync(Resolve(svg.GetAttribute("href")!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await response.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_one_description(string which)
    {
        var description = DescriptionOf(await GetPageAsync(await PathOfAsync(which)));

        Assert.InRange(description.Length, 50, 161);
    }

    [Fact]
    public async Task The_home_page_description_names_the_topics()
    {
        var topics = await App.QueryAsync(db => db.Topics.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync());

        var description = DescriptionOf(await GetPageAsync("/"));

        Assert.Contains(topics[0], description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_is_described_by_its_title_and_publisher()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var source = balki.Evidence[0];
        var title = await App.QueryAsync(db => db.Sources.Where(s => s.Id == source.SourceId).Select(s => s.Title).SingleAsync());

        var description = DescriptionOf(await GetPageAsync(source.SourcePath));

        Assert.StartsWith(title, description, StringComparison.Ordinal);
        Assert.Contains(source.Publisher, description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_are_described_by_the_query_and_what_it_found()
    {
        var page = await GetPageAsync("/search?q=amnesty");
        var claims = page.QuerySelector("nav.search-kinds a[href*='kind=claims'] .count")!.TextContent.Trim('(', ')');

        var description = DescriptionOf(page);

        Assert.Contains("“amnesty”", description, StringComparison.Ordinal);
        Assert.Contains($"{claims} claims", description, StringComparison.Ordinal);
        Assert.NotEqual(DescriptionOf(await GetPageAsync("/search")), description);
    }

    private static string DescriptionOf(IHtmlDocument page)
    {
        var meta = Assert.Single(page.QuerySelectorAll("head meta[name='description']"));
        return meta.GetAttribute("content") ?? string.Empty;
    }

    private async Task<string> PathOfAsync(string which)
    {
        if (which.StartsWith('/'))
        {
            return which;
        }

        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        return which switch
        {
            "claim" => balki.Path,
            "source" => balki.Evidence[0].SourcePath,
            _ => await App.QueryAsync(db => db.Claims.Where(c => c.Id == balki.Id).Select(c => "/claimants/" + c.Claimant.Slug).SingleAsync()),
        };
    }
}
