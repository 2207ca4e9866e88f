using FactCheck.Web.Site;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Browse;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class TopicTimelineChartPageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private const string Topic = "taliban-amnesty-pledges";

    [Fact]
    public async Task The_topic_page_draws_each_claim_at_its_date_as_a_labelled_link()
    {
        var archive = await BrowseData.LoadAsync(App);
        var claims = archive.Where(c => c.Topics.Contains(Topic)).ToList();
        Assert.NotEmpty(claims);

        var page = await GetPageAsync("/topics/" + Topic);

        var svg = page.QuerySelector("main figure.timeline-chart svg");
        Assert.NotNull(svg);
        var name = TextNormalizer.Collapse(page.GetElementById(svg.GetAttribute("aria-labelledby")!)!.TextContent);
        Assert.Contains($"{claims.Count} claims from {claims.Min(c => c.SaidOn.Year)} to {claims.Max(c => c.SaidOn.Year)}", name, StringComparison.Ordinal);
        var description = TextNormalizer.Collapse(page.GetElementById(svg.GetAttribute("aria-describedby")!)!.TextContent);
        foreach (var year in claims.GroupBy(c => c.SaidOn.Year))
        {
            Assert.Contains($"{year.Key}: {TextBlocks.ClaimCount(year.Count())}.", description, StringComparison.Ordinal);
        }

        // Every claim is a link named with its date and rating, and goes to the claim.
        var links = svg.QuerySelectorAll("a[href]").ToList();
        Assert.Equal(claims.Select(c => c.Path).Order(), links.Select(a => a.GetAttribute("href")!).Order());
        Assert.All(links, a =>
        {
            var claim = claims.Single(c => c.Path == a.GetAttribute("href"));
            var label = a.GetAttribute("aria-label")!;
            Assert.Contains("said ", label, StringComparison.Ordinal);
            Assert.EndsWith("rated " + BrowseData.Label(claim.Rating), label, StringComparison.Ordinal);
        });

        // The year-precision and month-precision claims are spans, the day-precision ones dots.
        Assert.Contains(links, a => a.Children.Any(c => c.LocalName == "rect"));
        Assert.Contains(links, a => a.Children.Any(c => c.LocalName == "circle"));

        // Each marker carries its rating's sign, so ratings differ by shape and not by colour alone (WCAG 1.4.1).
        var glyphsByRating = links
            .GroupBy(a => claims.Single(c => c.Path == a.GetAttribute("href")).Rating)
            .ToDictionary(g => g.Key?.ToString() ?? "none", g => g.Select(a => a.QuerySelector("svg.timeline-chart__glyph")?.InnerHtml).Distinct().ToList());
        Assert.All(glyphsByRating.Values, glyphs => Assert.False(string.IsNullOrEmpty(Assert.Single(glyphs)), "a marker without its rating's sign"));
        Assert.Equal(glyphsByRating.Count, glyphsByRating.Values.Select(g => g[0]).Distinct().Count());

        // The readable list stays.
        Assert.NotNull(page.QuerySelector("main ol.timeline"));
    }

    [Fact]
    public async Task A_large_topic_is_counted_per_bin_in_sql_and_drawn_as_one_described_image()
    {
        var archive = await BrowseData.LoadAsync(App);
        var claims = archive.Where(c => c.Topics.Contains(Topic)).ToList();

        // The binned query on the seed archive: the threshold is lowered instead of writing thousands of claims.
        var chart = await App.QueryAsync(async db =>
        {
            var topicId = await db.Topics.Where(t => t.Slug == Topic).Select(t => t.Id).SingleAsync();
            return await TopicPageService.LoadChartAsync(db, topicId, claims.Count, maxMarkers: 0);
        });

        Assert.NotNull(chart);
        Assert.True(chart.IsBinned);
        Assert.Equal(claims.Count, chart.Total);
        Assert.Equal(claims.GroupBy(c => c.SaidOn.Year).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())), chart.PerYear);
        Assert.Empty(chart.Markers);
        Assert.Equal(chart.Total, chart.Bins.Sum(b => b.Count) + chart.YearBands.Sum(b => b.Count));
    }
}
