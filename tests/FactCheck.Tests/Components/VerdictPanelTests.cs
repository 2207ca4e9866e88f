using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Claims;

namespace FactCheck.Tests.Components;

public class VerdictPanelTests : BunitContext
{
    private static VerdictView Misleading(string rationaleMarkdown = "Polygraph.info found the statement **misleading**.", ReportedDate? asOf = null) => new(
        1,
        Rating.Misleading,
        "Human rights monitors documented reprisal killings the Taliban say are not happening",
        new MarkdownRenderer().ToHtml(rationaleMarkdown),
        "Polygraph.info",
        asOf ?? ReportedDate.Day(2021, 12, 9),
        new DateTime(2021, 12, 9, 12, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Published_verdict_shows_rating_date_headline_rationale_and_author()
    {
        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, Misleading()));

        Assert.Equal("Misleading", panel.Find(".rating").TextContent.Trim());
        var asOf = panel.Find("time");
        Assert.Equal("9 December 2021", asOf.TextContent.Trim());
        Assert.Equal("2021-12-09", asOf.GetAttribute("datetime"));
        Assert.Contains("reprisal killings the Taliban say are not happening", panel.Find(".verdict__headline").TextContent, StringComparison.Ordinal);
        Assert.Equal("misleading", panel.Find(".verdict__rationale strong").TextContent);
        Assert.Contains("Polygraph.info", panel.Find(".verdict__author").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_verdict_shows_where_it_sits_on_the_scale_in_words()
    {
        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, Misleading()));

        var meter = panel.Find("svg[role='img']");
        Assert.Contains("Misleading", meter.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_verdict_dated_to_the_month_does_not_invent_a_day()
    {
        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, Misleading(asOf: ReportedDate.Month(2021, 12))));

        var asOf = panel.Find("time");
        Assert.Equal("December 2021", asOf.TextContent.Trim());
        Assert.Equal("2021-12", asOf.GetAttribute("datetime"));
    }

    [Fact]
    public void No_verdict_shows_under_review()
    {
        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, null));

        Assert.Equal("Under review", panel.Find(".rating").TextContent.Trim());
        Assert.Empty(panel.FindAll(".verdict__rationale"));
        Assert.Contains("not been rated yet", panel.Markup, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("svg[role='img']"));
    }

    [Fact]
    public void Rationale_from_the_renderer_cannot_carry_script()
    {
        var hostile = Misleading("<script>alert(1)</script> [see](javascript:alert(1)) [HRW](https://www.hrw.org/)");

        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, hostile));

        Assert.Empty(panel.FindAll("script"));
        Assert.All(panel.FindAll("a[href]"), a => Assert.True(UrlSafety.IsAllowed(a.GetAttribute("href")), a.OuterHtml));
        Assert.Equal("https://www.hrw.org/", panel.Find(".verdict__rationale a").GetAttribute("href"));
    }

    [Fact]
    public void Panel_is_a_region_labelled_by_its_heading()
    {
        var panel = Render<VerdictPanel>(ps => ps.Add(p => p.Verdict, Misleading()));

        var section = panel.Find("section");
        Assert.Equal(panel.Find("h2").Id, section.GetAttribute("aria-labelledby"));
    }
}
