using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Search;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Search;

/// <summary>/search over real HTTP against the imported seeds: what a journalist types and what comes back.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SearchPageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Amnesty_finds_the_Balki_claim_with_the_word_highlighted()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var page = await GetPageAsync("/search?q=amnesty");

        var claims = ClaimResults(page);
        Assert.Contains(balki.Path, claims);
        var section = page.QuerySelector("#results-claims")!;
        var marks = section.QuerySelectorAll("mark");
        Assert.NotEmpty(marks);
        Assert.All(marks, m => Assert.Equal("amnesty", m.TextContent, ignoreCase: true));
        Assert.Contains("Misleading", ResultFor(section, balki.Path).TextContent, StringComparison.Ordinal);

        // Evidence and documents are searched too, and evidence links to its passage.
        Assert.NotEmpty(page.QuerySelectorAll("#results-evidence li.search-result a[href*='#passage-']"));
        Assert.NotEmpty(page.QuerySelectorAll("#results-documents li.search-result a[href^='/sources/']"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("staff of the former administration will not be harassed")]
    public async Task An_exact_quote_ranks_its_claim_first(string? sentence)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var query = sentence ?? balki.Quote;

        var page = await GetPageAsync("/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(balki.Path, ClaimResults(page).First());
    }

    [Fact]
    public async Task A_phrase_matches_only_its_words_in_that_order()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var phrase = await GetPageAsync("/search?q=" + Uri.EscapeDataString("\"amnesty decree\""));
        var reversed = await GetPageAsync("/search?q=" + Uri.EscapeDataString("\"decree amnesty\""));

        Assert.Equal([balki.Path], ClaimResults(phrase));
        Assert.Empty(ClaimResults(reversed));
    }

    [Fact]
    public async Task A_prefix_finds_every_claim_with_a_word_that_starts_so()
    {
        var expected = await App.QueryAsync(db => db.Claims.Where(c => c.Quote.Contains("amnest") || c.Summary.Contains("amnest")).Select(c => c.Id).ToListAsync());

        var prefix = await GetPageAsync("/search?q=amnes*");
        var bare = await GetPageAsync("/search?q=amnes");

        Assert.True(expected.Count >= 3, "the seeds hold at least three amnesty claims");
        Assert.Equal(expected.Order(), ClaimResults(prefix).Select(IdOf).Order());
        Assert.Empty(ClaimResults(bare));
    }

    [Fact]
    public async Task Filters_narrow_the_claims_to_the_chosen_rating_and_claimant()
    {
        var all = await GetPageAsync("/search?q=taliban");
        var falseOnly = await GetPageAsync("/search?q=taliban&rating=false");
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var byBalki = await GetPageAsync("/search?q=amnesty&claimant=abdul-qahar-balki&kind=claims");

        var falseClaims = ClaimResults(falseOnly);
        Assert.NotEmpty(falseClaims);
        Assert.True(ClaimCount(all) > ClaimCount(falseOnly), "the rating filter removes claims");
        Assert.All(
            falseOnly.QuerySelectorAll("#results-claims li.search-result .rating"),
            badge => Assert.Equal("False", badge.TextContent.Trim()));
        Assert.Equal("false", ((IHtmlSelectElement)falseOnly.QuerySelector("select[name=rating]")!).Value);
        Assert.Equal([balki.Path], ClaimResults(byBalki));
    }

    [Theory]
    [InlineData("\"", SearchQuery.UnbalancedQuoteMessage)]
    [InlineData("*", SearchQuery.NoWordsMessage)]
    [InlineData("", SearchQuery.EmptyMessage)]
    [InlineData("OR", SearchQuery.NoWordsMessage)]
    [InlineData("long", SearchQuery.TooLongMessage)]
    public async Task Malformed_queries_show_the_form_with_a_message_beside_the_box(string input, string message)
    {
        var q = input == "long" ? new string('x', 5000) : input;

        var page = await GetPageAsync("/search?q=" + Uri.EscapeDataString(q));

        var error = page.QuerySelector("#search-q-error");
        Assert.NotNull(error);
        Assert.Equal(message, error.TextContent.Trim());
        var box = page.QuerySelector("input[name=q]")!;
        Assert.Contains("search-q-error", box.GetAttribute("aria-describedby")!.Split(' '));
        Assert.NotNull(page.QuerySelector($"label[for='{box.Id}']"));
        Assert.Empty(page.QuerySelectorAll(".search-results"));
    }

    [Theory]
    [InlineData("NEAR(")]
    [InlineData("NEAR(amnesty decree)")]
    [InlineData("'; DROP TABLE Claims; --")]
    [InlineData("amnesty -decree")]
    [InlineData("title:amnesty ^decree")]
    [InlineData("amnesty AND NOT decree")]
    [InlineData("\"\"")]
    [InlineData("\"amnesty\"\"decree\"")]
    [InlineData("amnesty**")]
    [InlineData("*amnesty")]
    [InlineData("د طالبانو عفوه")]
    [InlineData("amnistía 😀")]
    [InlineData("(amnesty OR) )")]
    [InlineData("{Quote Summary}: amnesty")]
    public async Task Engine_syntax_and_odd_input_are_answered_without_an_error(string input)
    {
        using var response = await Client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(input), UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{input} -> {(int)response.StatusCode}: {Truncate(body)}");
        var page = Html.Parse(body);
        Assert.True(
            page.QuerySelector("#search-q-error") is not null || page.QuerySelector("#results-claims") is not null,
            $"{input}: neither a message nor results");
        Assert.True(await App.QueryAsync(db => db.Claims.CountAsync()) >= 7, "the claims are all still there");
    }

    [Fact]
    public async Task Each_kind_pages_with_a_stable_url_and_keeps_the_filters()
    {
        var overview = await GetPageAsync("/search?q=taliban&topic=taliban-amnesty-pledges");
        var evidenceLink = overview.QuerySelectorAll("nav.search-kinds a").First(a => a.TextContent.StartsWith("Evidence", StringComparison.Ordinal));
        var href = evidenceLink.GetAttribute("href")!;

        Assert.Contains("kind=evidence", href, StringComparison.Ordinal);
        Assert.Contains("topic=taliban-amnesty-pledges", href, StringComparison.Ordinal);
        var evidence = await GetPageAsync(href);
        Assert.Null(evidence.QuerySelector("#results-claims"));
        Assert.NotEmpty(evidence.QuerySelectorAll("#results-evidence li.search-result"));
        Assert.Equal("page", evidence.QuerySelector("nav.search-kinds a[aria-current]")?.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Similar_claims_on_the_Balki_page_link_other_amnesty_claims_with_the_shared_words()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var mujahid = await App.QueryAsync(db => db.Claims.Where(c => c.Key == "mujahid-amnesty-for-all-employees").Select(c => new { c.Id, c.Slug }).SingleAsync());

        var page = await GetPageAsync(balki.Path);

        var section = page.QuerySelector("section.similar-claims");
        Assert.NotNull(section);
        Assert.Equal("Similar claims", section.QuerySelector("h2")!.TextContent.Trim());
        var item = section.QuerySelectorAll("li").Single(li => li.QuerySelector($"a[href='/claims/{mujahid.Id}/{mujahid.Slug}']") is not null);
        Assert.Contains("amnesty", item.QuerySelector(".similar-claim__why")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Zabihullah Mujahid", item.TextContent, StringComparison.Ordinal);
        Assert.NotNull(item.QuerySelector(".rating"));
        Assert.DoesNotContain(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == balki.Path);
    }

    private static List<string> ClaimResults(IHtmlDocument page) =>
        page.QuerySelectorAll("#results-claims li.search-result .card__title a").Select(a => a.GetAttribute("href")!).ToList();

    private static int ClaimCount(IHtmlDocument page) =>
        int.Parse(page.QuerySelector("#results-claims-heading .count")!.TextContent.Trim('(', ')', '+'), System.Globalization.CultureInfo.InvariantCulture);

    private static IElement ResultFor(IElement section, string path) =>
        section.QuerySelectorAll("li.search-result").Single(li => li.QuerySelector($".card__title a[href='{path}']") is not null);

    private static int IdOf(string path) => int.Parse(path.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
}
