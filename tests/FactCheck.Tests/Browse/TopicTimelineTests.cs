using System.Net;
using AngleSharp.Dom;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Browse;

[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class TopicTimelineTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private const string AmnestyPath = "/topics/taliban-amnesty-pledges";

    /// <summary>The pledge made and tested over three years, as the issue tells it: (kind, date as ISO, words the event shows).</summary>
    private static readonly (string Kind, string Date, string Text)[] AmnestyStory =
    [
        ("claim", "2018-05", "Ramadan 2018"),
        ("claim", "2021-06", "will not be in danger from the Taliban"),
        ("evidence", "2021-07", "CNN"),
        ("claim", "2021-08-17", "granted an amnesty to all government"),
        ("evidence", "2021-08-20", "RHIPTO"),
        ("evidence", "2021-09-13", "UN High Commissioner for Human Rights"),
        ("evidence", "2021-11-30", "Human Rights Watch"),
        ("evidence", "2021-12-04", "Joint statement"),
        ("claim", "2021-12-05", "fully enforcing their amnesty"),
    ];

    [Fact]
    public async Task Amnesty_timeline_tells_the_story_in_date_order()
    {
        var events = Events(await GetPageAsync(AmnestyPath));

        var positions = AmnestyStory.Select(step =>
        {
            var index = events.FindIndex(e => e.Kind == step.Kind && e.Date == step.Date && e.Text.Contains(step.Text, StringComparison.Ordinal));
            Assert.True(index >= 0, $"no {step.Kind} event dated {step.Date} mentioning “{step.Text}” on the timeline");
            return index;
        }).ToList();

        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Whole_timeline_runs_oldest_first()
    {
        var events = Events(await GetPageAsync(AmnestyPath));

        // Events known to a month or a year sit at the end of that period; compare on that.
        var ends = events.Select(e => PeriodEnd(e.Date)).ToList();
        Assert.Equal(ends.Order(), ends);
    }

    [Fact]
    public async Task Earlier_ratings_stay_visible_and_the_current_one_is_marked()
    {
        var events = Events(await GetPageAsync(AmnestyPath));

        var mujahid = events.Where(e => e.Kind == "verdict" && e.Text.Contains("granted an amnesty to all government", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mujahid.Count);
        Assert.Contains("Rated Unproven as of 17 August 2021", mujahid[0].Text, StringComparison.Ordinal);
        Assert.Contains("Earlier rating", mujahid[0].Text, StringComparison.Ordinal);
        Assert.Contains("Rated Misleading as of 30 November 2021", mujahid[1].Text, StringComparison.Ordinal);
        Assert.Contains("Current rating", mujahid[1].Text, StringComparison.Ordinal);

        var balki = events.Single(e => e.Kind == "verdict" && e.Text.Contains("fully enforcing their amnesty", StringComparison.Ordinal));
        Assert.Contains("Rated Misleading as of December 2021", balki.Text, StringComparison.Ordinal);
        var balkiClaim = events.FindIndex(e => e.Kind == "claim" && e.Date == "2021-12-05");
        Assert.True(events.IndexOf(balki) > balkiClaim, "a verdict dated only to December 2021 must not come before the 5 December statement it rates");
    }

    [Fact]
    public async Task A_passage_cited_by_several_claims_appears_once()
    {
        var page = await GetPageAsync(AmnestyPath);

        var passageLinks = page.QuerySelectorAll("ol.timeline a[href*='#passage-']").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(passageLinks);
        Assert.Equal(passageLinks.Count, passageLinks.Distinct().Count());
        var hrw = Events(page).Where(e => e.Kind == "evidence" && e.Text.Contains("Human Rights Watch", StringComparison.Ordinal)).ToList();
        Assert.Single(hrw);
        // Cited against Balki's, Mujahid's and the interpreters claims: each named on the one event.
        Assert.Contains("fully enforcing their amnesty", hrw[0].Text, StringComparison.Ordinal);
        Assert.Contains("granted an amnesty to all government", hrw[0].Text, StringComparison.Ordinal);
        Assert.Contains("will not be in danger", hrw[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_links_lead_to_the_claim_pages()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(AmnestyPath);

        var denial = page.QuerySelectorAll("ol.timeline > li").Single(li => li.ClassList.Contains("timeline__event--claim") && li.QuerySelector("time")?.GetAttribute("datetime") == "2021-12-05");
        Assert.Equal(balki.Path, denial.QuerySelector("h3 a")!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Claim_and_home_pages_link_to_the_topic_page()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        foreach (var path in new[] { balki.Path, "/", "/topics" })
        {
            var page = await GetPageAsync(path);
            Assert.Contains(AmnestyPath, page.QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")));
        }
    }

    [Fact]
    public async Task Unknown_topic_is_a_real_404()
    {
        using var response = await Client.GetAsync(new Uri("/topics/no-such-topic", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static List<TimelineEntry> Events(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var items = page.QuerySelectorAll("main ol.timeline > li").ToList();
        Assert.NotEmpty(items);
        return items.Select(li => new TimelineEntry(Kind(li), li.QuerySelector("time")!.GetAttribute("datetime")!, TextNormalizer.Collapse(li.TextContent))).ToList();
    }

    // The kind a reader sees labelled on each event.
    private static string Kind(IElement li) => TextNormalizer.Collapse(li.QuerySelector(".timeline__kind")!.TextContent) switch
    {
        "Statement" => "claim",
        "Evidence" => "evidence",
        "Verdict" => "verdict",
        var other => other,
    };

    private static DateOnly PeriodEnd(string iso) => iso.Length switch
    {
        4 => new DateOnly(int.Parse(iso, System.Globalization.CultureInfo.InvariantCulture), 12, 31),
        7 => DateOnly.ParseExact(iso + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).AddDays(-1),
        _ => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed record TimelineEntry(string Kind, string Date, string Text);
}
