using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Browse;

/// <summary>/claims over real HTTP: every filter narrows to exactly the claims the record says it should.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ClaimsBrowseTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Rating_filter_lists_only_misleading_claims_and_includes_balkis()
    {
        var archive = await BrowseData.LoadAsync(App);
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var expected = archive.Where(c => c.Rating == Rating.Misleading).Select(c => c.Path).ToHashSet();
        Assert.True(expected.Count >= 2, "the seeds should hold several Misleading claims");

        var page = await GetPageAsync("/claims?rating=misleading");

        var rows = Rows(page);
        Assert.All(rows, row => Assert.Equal("Misleading", BadgeText(row)));
        Assert.Equal(expected, rows.Select(ClaimPath).ToHashSet());
        Assert.Contains(balki.Path, rows.Select(ClaimPath));
        Assert.True(page.QuerySelector("#filter-rating option[value='misleading']")!.HasAttribute("selected"), "the form should keep the chosen rating");
    }

    [Fact]
    public async Task Claimant_filter_lists_exactly_that_claimants_claims()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.Where(c => c.ClaimantSlug == "taliban").Select(c => c.Path).ToHashSet();

        var rows = Rows(await GetPageAsync("/claims?claimant=taliban"));

        Assert.Equal(expected, rows.Select(ClaimPath).ToHashSet());
        Assert.All(rows, row => Assert.Equal("/claimants/taliban", Resolve(row.QuerySelector(".claim-row__meta a")!.GetAttribute("href")!).AbsolutePath));
    }

    [Fact]
    public async Task Topic_filter_lists_exactly_the_topics_claims()
    {
        var archive = await BrowseData.LoadAsync(App);
        var expected = archive.Where(c => c.Topics.Contains("us-withdrawal-from-afghanistan")).Select(c => c.Path).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.NotEqual(archive.Count, expected.Count);

        var rows = Rows(await GetPageAsync("/claims?topic=us-withdrawal-from-afghanistan"));

        Assert.Equal(expected, rows.Select(ClaimPath).ToHashSet());
    }

    [Fact]
    public async Task Date_range_keeps_claims_said_within_it()
    {
        var archive = await BrowseData.LoadAsync(App);
        var from = new DateOnly(2021, 7, 1);
        var to = new DateOnly(2021, 11, 30);
        var expected = archive.Where(c => c.SaidOn >= from && c.SaidOn <= to).Select(c => c.Path).ToHashSet();
        Assert.NotEmpty(expected);

        var rows = Rows(await GetPageAsync("/claims?from=2021-07-01&to=2021-11-30"));

        Assert.Equal(expected, rows.Select(ClaimPath).ToHashSet());
        // What the reader sees agrees: every listed date (ISO, to its precision) falls in the range.
        Assert.All(rows, row =>
        {
            var iso = row.QuerySelector("time")!.GetAttribute("datetime")!;
            Assert.InRange(string.CompareOrdinal(iso, "2021-07"), 0, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(iso, "2021-11-30"), int.MinValue, 0);
        });
    }

    [Fact]
    public async Task Default_order_is_newest_statement_first()
    {
        var archive = await BrowseData.LoadAsync(App);

        var rows = Rows(await GetPageAsync("/claims"));

        Assert.Equal(archive.Count, rows.Count);
        var dates = rows.Select(row => archive.Single(c => c.Path == ClaimPath(row)).SaidOn).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Sort_by_rating_runs_from_true_to_false_then_unproven_then_under_review()
    {
        var archive = await BrowseData.LoadAsync(App);
        var scale = RatingScale.All.Select(r => r.Label).Append("Under review").ToList();

        var rows = Rows(await GetPageAsync("/claims?sort=rating"));

        Assert.Equal(archive.Count, rows.Count);
        var positions = rows.Select(row => scale.IndexOf(BadgeText(row))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.True(positions.Distinct().Count() >= 3, "the seeds hold claims with at least three different ratings");
    }

    [Fact]
    public async Task Bad_filter_values_are_answered_with_a_message_beside_each_field()
    {
        var archive = await BrowseData.LoadAsync(App);

        var page = await GetPageAsync("/claims?rating=sort-of-true&from=last+tuesday&to=2021-13-45&source=abc&sort=loudest&page=-3");

        AssertFieldError(page, "filter-rating", "not a rating");
        AssertFieldError(page, "filter-from", "not a date");
        AssertFieldError(page, "filter-to", "not a date");
        AssertFieldError(page, "filter-source", "not a document in the archive");
        AssertFieldError(page, "filter-sort", "Sort by date or by rating");
        // The bad values are dropped, not guessed at: the whole archive is listed.
        Assert.Equal(archive.Count, Rows(page).Count);
    }

    [Fact]
    public async Task Unknown_claimant_says_so_instead_of_silently_listing_nothing()
    {
        var page = await GetPageAsync("/claims?claimant=nobody-we-know");

        AssertFieldError(page, "filter-claimant", "No claimant");
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task A_page_past_the_last_says_so_and_links_back()
    {
        var page = await GetPageAsync("/claims?rating=misleading&page=40");

        Assert.Empty(Rows(page));
        var empty = page.QuerySelector("main .empty-state");
        Assert.NotNull(empty);
        Assert.Contains("There is no page 40", TextNormalizer.Collapse(empty.TextContent), StringComparison.Ordinal);
        var back = empty.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/claims?rating=misleading", back);
    }

    [Fact]
    public async Task Every_form_control_has_a_label_and_the_page_one_h1()
    {
        var page = await GetPageAsync("/claims");

        Assert.Single(page.QuerySelectorAll("h1"));
        var controls = page.QuerySelectorAll("form.filters select, form.filters input").ToList();
        Assert.True(controls.Count >= 7, $"expected the seven filter fields, found {controls.Count}");
        Assert.All(controls, control => Assert.NotNull(page.QuerySelector($"label[for='{control.Id}']")));
        Assert.Equal("get", page.QuerySelector("form.filters")!.GetAttribute("method"));
        var claimants = page.QuerySelectorAll("#filter-claimant option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("taliban", claimants);
        Assert.Contains("abdul-qahar-balki", claimants);
    }

    [Fact]
    public async Task Each_row_links_to_a_claim_page_that_exists()
    {
        var rows = Rows(await GetPageAsync("/claims"));

        foreach (var path in rows.Select(ClaimPath).Concat(rows.Select(r => Resolve(r.QuerySelector(".claim-row__meta a")!.GetAttribute("href")!).AbsolutePath)).Distinct())
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} returned {(int)response.StatusCode}");
        }
    }

    internal static void AssertFieldError(IHtmlDocument page, string fieldId, string message)
    {
        var field = page.GetElementById(fieldId);
        Assert.NotNull(field);
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        var describedBy = field.GetAttribute("aria-describedby") ?? "";
        var error = describedBy.Split(' ').Select(page.GetElementById).FirstOrDefault(e => e is not null && e.ClassList.Contains("field__error"));
        Assert.True(error is not null, $"#{fieldId} is not described by an error message");
        Assert.Contains(message, error.TextContent, StringComparison.Ordinal);
        // Beside its field: in the same form group.
        Assert.Same(field.ParentElement, error.ParentElement);
    }

    internal static List<IElement> Rows(IHtmlDocument page) => page.QuerySelectorAll("main .claim-row").ToList();

    internal static string BadgeText(IElement row) => TextNormalizer.Collapse(row.QuerySelector(".rating")!.TextContent);

    internal static string ClaimPath(IElement row) =>
        new Uri(new Uri("http://x/"), row.QuerySelector(".claim-row__title a")!.GetAttribute("href")!).AbsolutePath;
}
