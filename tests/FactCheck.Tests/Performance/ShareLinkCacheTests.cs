using System.Net;
using AngleSharp.Html.Dom;
using FactCheck.Data.Search;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Browse;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Performance;

/// <summary>
/// Links shared on social media and in newsletters carry a tracking parameter with a new value each time
/// (?fbclid=…, ?utm_source=…). A reader who follows one gets the page from the output cache, which marks a
/// hit with an Age header, and never sees the parameter in the page; a parameter the page does read still
/// gets a page of its own. A site of its own, three claims a page so that lists have pager links, whose
/// cache no other test class fills: each test uses pages no other test here asks for, so a first request
/// is a render.
/// </summary>
[Trait("Database", "Both")]
public sealed class ShareLinkCacheTests(SmallPageAppFactory app) : WebTestBase(app), IClassFixture<SmallPageAppFactory>
{
    [Theory]
    [InlineData("utm_source", SeededClaims.BalkiKey)]
    [InlineData("fbclid", SeededClaims.RamadanAmnestyKey)]
    public async Task A_claim_page_reached_through_share_links_is_rendered_once(string parameter, string claimKey)
    {
        var claim = await SeededClaims.LoadAsync(App, claimKey);
        var firstValue = Unique("first");

        var first = await FetchAsync($"{claim.Path}?{parameter}={firstValue}");
        var second = await FetchAsync($"{claim.Path}?{parameter}={Unique("second")}");
        var plain = await FetchAsync(claim.Path);

        Assert.Null(first.Age);
        Assert.DoesNotContain(firstValue, first.Body, StringComparison.Ordinal);
        Assert.Equal(Resolve(claim.Path).AbsoluteUri, first.Page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
        Assert.NotNull(second.Age);
        Assert.Equal(first.Body, second.Body);
        Assert.NotNull(plain.Age);
    }

    [Fact]
    public async Task A_claim_list_with_the_same_filter_and_other_tracking_parameters_is_served_from_the_cache()
    {
        var archive = await BrowseData.LoadAsync(App);
        var misleading = archive.Where(c => c.Rating == Rating.Misleading).Select(c => c.Path).ToHashSet();
        var falseClaims = archive.Where(c => c.Rating == Rating.False).Select(c => c.Path).ToHashSet();
        Assert.NotEmpty(misleading);
        Assert.NotEmpty(falseClaims);

        var first = await FetchAsync($"/claims?rating=misleading&utm_source={Unique("newsletter")}");
        var second = await FetchAsync($"/claims?fbclid={Unique("share")}&rating=misleading&utm_campaign=verdicts");
        var otherFilter = await FetchAsync($"/claims?rating=false&utm_source={Unique("newsletter")}");

        Assert.Null(first.Age);
        Assert.Equal(misleading, Rows(first.Page).ToHashSet());
        Assert.NotNull(second.Age);
        Assert.Equal(Rows(first.Page), Rows(second.Page));
        Assert.Null(otherFilter.Age);
        Assert.Equal(falseClaims, Rows(otherFilter.Page).ToHashSet());
    }

    [Fact]
    public async Task A_tracking_parameter_is_kept_out_of_the_list_its_links_its_form_and_its_canonical_link()
    {
        var tracking = Unique("campaign");

        var list = await FetchAsync($"/claims?sort=rating&utm_source={tracking}");

        Assert.DoesNotContain(tracking, list.Body, StringComparison.Ordinal);
        Assert.Equal(Resolve("/claims?sort=rating").AbsoluteUri, list.Page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
        Assert.Equal("/claims?sort=rating&page=2", list.Page.QuerySelector("nav.pager a[rel='next']")?.GetAttribute("href"));
        Assert.Empty(list.Page.QuerySelectorAll("form input[name='utm_source']"));
    }

    [Fact]
    public async Task A_topic_timeline_varies_by_its_part_and_nothing_else()
    {
        const string topic = "/topics/taliban-amnesty-pledges";
        var secondPart = await FetchAsync($"{topic}?page=2&fbclid={Unique("share")}");
        var secondPartAgain = await FetchAsync($"{topic}?fbclid={Unique("share")}&page=2");
        var firstPart = await FetchAsync($"{topic}?fbclid={Unique("share")}");

        Assert.Null(secondPart.Age);
        Assert.Equal(Resolve($"{topic}?page=2").AbsoluteUri, secondPart.Page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
        Assert.NotNull(secondPartAgain.Age);
        Assert.Null(firstPart.Age);
        Assert.Equal(Resolve(topic).AbsoluteUri, firstPart.Page.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Repeated_search_words_in_another_order_get_their_own_page()
    {
        var first = await FetchAsync("/search?q=amnesty&q=taliban");
        var reversed = await FetchAsync("/search?q=taliban&q=amnesty");

        Assert.Equal("amnesty,taliban", SearchBox(first.Page));
        Assert.Null(reversed.Age);
        Assert.Equal("taliban,amnesty", SearchBox(reversed.Page));
    }

    [Fact]
    public async Task An_empty_search_is_not_served_the_page_of_no_search()
    {
        var form = await FetchAsync("/search?fbclid=" + Unique("share"));
        var empty = await FetchAsync("/search?q=");

        Assert.DoesNotContain(SearchQuery.EmptyMessage, form.Page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(empty.Age);
        Assert.Contains(SearchQuery.EmptyMessage, empty.Page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_key_in_capitals_is_the_same_filter_for_the_page_and_for_the_cache()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.Where(c => c.Topics.Contains("us-withdrawal-from-afghanistan")).Select(c => c.Path).ToHashSet();

        var lower = await FetchAsync("/claims?topic=us-withdrawal-from-afghanistan");
        var upper = await FetchAsync("/claims?TOPIC=us-withdrawal-from-afghanistan");

        Assert.Equal(expected, Rows(lower.Page).ToHashSet());
        Assert.NotNull(upper.Age);
        Assert.Equal(Rows(lower.Page), Rows(upper.Page));
    }

    [Fact]
    public async Task Searches_arriving_together_each_get_their_own_page_whatever_characters_they_hold()
    {
        // U+001E is one of the output cache's own key separators. Given one, the framework builds no key and
        // makes every such request wait for, and be served, whichever render holds the empty key.
        var queries = Enumerable.Range(1, 32).Select(i => $"amnesty\u001E{i}").ToList();

        var pages = await Task.WhenAll(queries.Select(q => FetchAsync("/search?q=" + Uri.EscapeDataString(q))));

        Assert.All(queries.Zip(pages), pair => Assert.Equal(pair.First, SearchBox(pair.Second.Page)));
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static List<string> Rows(IHtmlDocument page) => ClaimsBrowseTests.Rows(page).Select(ClaimsBrowseTests.ClaimPath).ToList();

    private static string? SearchBox(IHtmlDocument page) => page.QuerySelector("#search-q")?.GetAttribute("value");

    private async Task<(IHtmlDocument Page, string Body, TimeSpan? Age)> FetchAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}: {Truncate(body)}");
        return (Html.Parse(body), body, response.Headers.Age);
    }
}
