using System.Net;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

/// <summary>
/// The filters as a reader meets them on /claims and /search: folded behind a summary, a document chosen by
/// its title, and dates typed as the archive records them (a year, a month or a day).
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class FilterFormTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Theory]
    [InlineData("/claims", "form.filters")]
    [InlineData("/search?q=amnesty", "form.search-form")]
    public async Task Filters_are_folded_behind_a_summary_until_one_is_active(string path, string form)
    {
        var page = await GetPageAsync(path);

        var details = page.QuerySelector($"{form} details");
        Assert.NotNull(details);
        Assert.False(details.HasAttribute("open"), "with no filter active the fields stay folded, so results come first on a phone");
        Assert.Equal("Filters", TextNormalizer.Collapse(details.QuerySelector("summary")!.TextContent));
        Assert.NotNull(details.QuerySelector("select[name=rating]"));
        Assert.NotNull(details.QuerySelector("input[name=from]"));
        Assert.All(page.QuerySelectorAll($"{form} details select, {form} details input:not([type=hidden])"), control =>
            Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']")));
    }

    [Fact]
    public async Task Active_filters_open_the_fold_and_the_summary_counts_them()
    {
        var page = await GetPageAsync("/claims?rating=misleading&from=2021");

        var details = page.QuerySelector("form.filters details")!;
        Assert.True(details.HasAttribute("open"));
        Assert.Equal("Filters (2 active)", TextNormalizer.Collapse(details.QuerySelector("summary")!.TextContent));
    }

    [Fact]
    public async Task A_bad_value_opens_the_fold_so_its_message_is_seen()
    {
        var page = await GetPageAsync("/search?q=amnesty&to=someday");

        Assert.True(page.QuerySelector("form.search-form details")!.HasAttribute("open"));
        ClaimsBrowseTests.AssertFieldError(page, "search-to", "not a date");
    }

    [Fact]
    public async Task The_document_filter_lists_titles_and_keeps_the_id_in_the_url()
    {
        var sources = await App.QueryAsync(db => db.Sources.Select(s => new { s.Id, s.Title }).ToListAsync());
        Assert.NotEmpty(sources);
        var chosen = sources[0];

        var page = await GetPageAsync($"/claims?source={chosen.Id}");

        var select = page.QuerySelector("select#filter-source");
        Assert.NotNull(select);
        Assert.Equal("Document", TextNormalizer.Collapse(page.QuerySelector("label[for=filter-source]")!.TextContent));
        var options = select.QuerySelectorAll("option").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.Equal(sources.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), options.Select(o => o.GetAttribute("value")!).Order());
        Assert.All(options, o => Assert.Equal(sources.Single(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == o.GetAttribute("value")).Title, TextNormalizer.Collapse(o.TextContent)));
        Assert.Equal(chosen.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.DoesNotContain("number", page.QuerySelector("form.filters")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_document_says_so_at_the_field()
    {
        var page = await GetPageAsync("/claims?source=999999");

        ClaimsBrowseTests.AssertFieldError(page, "filter-source", "not in the archive");
    }

    [Theory]
    [InlineData("from=2021-12&to=2021-12", 2021, 12, 1, 2021, 12, 31)]
    [InlineData("from=December+2021&to=December+2021", 2021, 12, 1, 2021, 12, 31)]
    [InlineData("from=2021&to=2021", 2021, 1, 1, 2021, 12, 31)]
    [InlineData("to=2021", 1, 1, 1, 2021, 12, 31)]
    [InlineData("from=2021-07", 2021, 7, 1, 9999, 12, 31)]
    [InlineData("from=5+December+2021&to=2021-12-05", 2021, 12, 5, 2021, 12, 5)]
    [InlineData("from=2021-07-01&to=2021-11-30", 2021, 7, 1, 2021, 11, 30)]
    public async Task A_year_a_month_or_a_day_selects_the_claims_said_in_that_period(string query, int fy, int fm, int fd, int ty, int tm, int td)
    {
        var archive = await BrowseData.LoadAsync(App);
        var from = new DateOnly(fy, fm, fd);
        var to = new DateOnly(ty, tm, td);
        var expected = archive.Where(c => c.SaidOn >= from && c.SaidOn <= to).Select(c => c.Path).ToHashSet();
        Assert.NotEmpty(expected);

        var page = await GetPageAsync("/claims?" + query);

        Assert.Equal(expected, ClaimsBrowseTests.Rows(page).Select(ClaimsBrowseTests.ClaimPath).ToHashSet());
        Assert.Null(page.QuerySelector(".field__error"));
    }

    [Fact]
    public async Task December_2021_and_to_2021_include_the_december_claim()
    {
        var archive = await BrowseData.LoadAsync(App);
        var december = archive.Where(c => c.SaidOn.Year == 2021 && c.SaidOn.Month == 12).Select(c => c.Path).ToList();
        Assert.NotEmpty(december);

        var month = ClaimsBrowseTests.Rows(await GetPageAsync("/claims?from=2021-12&to=2021-12")).Select(ClaimsBrowseTests.ClaimPath).ToList();
        var untilYear = ClaimsBrowseTests.Rows(await GetPageAsync("/claims?to=2021")).Select(ClaimsBrowseTests.ClaimPath).ToList();

        Assert.Equal(december.Order(), month.Order());
        Assert.Subset(untilYear.ToHashSet(), december.ToHashSet());
    }

    [Fact]
    public async Task The_form_shows_the_period_typed_with_a_hint_and_keeps_it_in_links()
    {
        var page = await GetPageAsync("/claims?from=December+2021&to=2021");

        var from = page.GetElementById("filter-from")!;
        var to = page.GetElementById("filter-to")!;
        Assert.Equal("text", from.GetAttribute("type"));
        Assert.Equal("2021-12", from.GetAttribute("value"));
        Assert.Equal("2021", to.GetAttribute("value"));
        var hint = page.GetElementById(from.GetAttribute("aria-describedby")!.Split(' ')[0])!;
        Assert.Contains("2021-12", hint.TextContent, StringComparison.Ordinal);
        Assert.Contains("includes December 2021", page.GetElementById("filter-to-hint")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/claims?from=31+Smarch+2021", "filter-from")]
    [InlineData("/claims?to=2021-02-30", "filter-to")]
    [InlineData("/claims?from=2022&to=2021", "filter-to")]
    [InlineData("/search?q=amnesty&from=yesterday", "search-from")]
    public async Task A_bad_date_is_a_message_at_its_field_not_an_error_page(string path, string field)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");

        var page = await GetPageAsync(path);
        ClaimsBrowseTests.AssertFieldError(page, field, field.EndsWith("to", StringComparison.Ordinal) && path.Contains("2022", StringComparison.Ordinal) ? "before the start" : "not a date");
    }
}
