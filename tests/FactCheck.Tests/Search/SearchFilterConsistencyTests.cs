using AngleSharp.Html.Dom;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Browse;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Search;

/// <summary>
/// /claims filters through EF Core and /search through the full-text index's own SQL: the same filter must
/// select the same claims on both pages, for every rating, claimant, topic, document and date in the archive.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SearchFilterConsistencyTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Every_filter_selects_the_same_claims_on_claims_and_on_search()
    {
        var archive = await BrowseData.LoadAsync(App);
        var (claimants, sources) = await App.QueryAsync(async db => (
            await db.Claimants.Select(c => new { c.Slug, c.Name }).ToListAsync(),
            await db.Sources.Select(s => s.Id).ToListAsync()));

        // Every claim names its claimant, so a search for all the claimants' names matches every claim: what the
        // filter then leaves is the filter's doing alone.
        var everyClaim = string.Join(" OR ", claimants.Select(c => $"\"{c.Name}\""));
        Assert.Equal(archive.Select(c => c.Path).ToHashSet(), await SearchedClaimsAsync(everyClaim, ""));

        var dates = archive.Select(c => c.SaidOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();

        // Dates are typed as a year, a month or a day: "from" starts at the period's first day, "to" ends at its last.
        var periods = archive.SelectMany(c => new[]
            {
                c.SaidOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                c.SaidOn.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
                Uri.EscapeDataString(c.SaidOn.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)),
            })
            .Distinct().ToList();
        var filters = RatingScale.All.Select(r => "rating=" + r.Slug)
            .Concat(claimants.Select(c => "claimant=" + c.Slug))
            .Concat(archive.SelectMany(c => c.Topics).Distinct().Select(t => "topic=" + t))
            .Concat(sources.Select(id => "source=" + id))
            .Concat(dates.SelectMany(d => new[] { "from=" + d, "to=" + d, $"from={d}&to={d}" }))
            .Concat(periods.SelectMany(p => new[] { "from=" + p, "to=" + p, $"from={p}&to={p}" }))
            .Concat(archive.Where(c => c.Rating is not null && c.Topics.Count > 0)
                .Select(c => $"rating={RatingScale.Get(c.Rating!.Value).Slug}&topic={c.Topics[0]}&claimant={c.ClaimantSlug}"))
            .Concat(sources.Select(id => $"source={id}&to={dates.Max()}&from={dates.Min()}"))
            .ToList();

        var narrowing = 0;
        foreach (var filter in filters)
        {
            var listed = await ListedClaimsAsync(filter);
            var searched = await SearchedClaimsAsync(everyClaim, filter);
            Assert.True(listed.SetEquals(searched), $"?{filter}: /claims lists [{string.Join(", ", listed.Order())}] but /search finds [{string.Join(", ", searched.Order())}]");
            if (listed.Count > 0 && listed.Count < archive.Count)
            {
                narrowing++;
            }
        }

        // The comparison is only worth something if the filters really narrow the archive.
        Assert.True(narrowing >= filters.Count / 2, $"only {narrowing} of {filters.Count} filters selected some but not all claims");
    }

    private async Task<HashSet<string>> ListedClaimsAsync(string filter)
    {
        var page = await GetPageAsync("/claims?" + filter);
        Assert.Null(page.QuerySelector("[rel=next]"));
        return ClaimsBrowseTests.Rows(page).Select(ClaimsBrowseTests.ClaimPath).ToHashSet();
    }

    private async Task<HashSet<string>> SearchedClaimsAsync(string query, string filter)
    {
        var page = await GetPageAsync($"/search?q={Uri.EscapeDataString(query)}&kind=claims&{filter}");
        Assert.Null(page.QuerySelector("[rel=next]"));
        return Links(page);
    }

    private HashSet<string> Links(IHtmlDocument page) =>
        page.QuerySelectorAll("#results-claims .search-result .card__title a")
            .Select(a => Resolve(a.GetAttribute("href")!).AbsolutePath)
            .ToHashSet();
}
