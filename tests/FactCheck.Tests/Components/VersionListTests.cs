using Bunit;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Claims;

namespace FactCheck.Tests.Components;

public class VersionListTests : BunitContext
{
    [Fact]
    public void A_long_history_lists_the_newest_twenty_newest_first_and_says_how_many_there_are()
    {
        var recent = Enumerable.Range(6, 20).Reverse()
            .Select(n => new VersionEntry(n, new DateTime(2026, 1, n, 0, 0, 0, DateTimeKind.Utc), n == 25 ? "Evidence added" : "Verdict corrected", $"/claims/4/s/v/{n}"))
            .ToList();

        var list = Render<VersionList>(p => p.Add(c => c.History, new VersionHistory(25, recent)));

        Assert.Equal("Page history", list.Find("h2").TextContent);
        Assert.Contains("The latest 20 of 25 versions", list.Find(".version-list__count").TextContent, StringComparison.Ordinal);
        var links = list.FindAll("li a");
        Assert.Equal(20, links.Count);
        Assert.Equal("/claims/4/s/v/25", links[0].GetAttribute("href"));
        Assert.Equal("/claims/4/s/v/6", links[^1].GetAttribute("href"));
        Assert.Equal("Version 25, 25 January 2026: Evidence added", TextNormalizer.Collapse(list.FindAll("li")[0].TextContent));
    }

    [Fact]
    public void A_page_without_versions_shows_no_history()
    {
        var list = Render<VersionList>(p => p.Add(c => c.History, new VersionHistory(0, [])));

        Assert.Empty(list.FindAll("section"));
    }
}
