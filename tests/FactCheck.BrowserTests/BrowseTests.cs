using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>A journalist's research path in Chromium: filter the claims, then walk a topic's timeline to a claim.</summary>
[Collection(BrowserCollection.Name)]
public class BrowseTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Filtering_claims_by_rating_shows_only_that_rating()
    {
        await using var context = await NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Claims", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Claims");
        var allRows = await page.Locator(".claim-row").CountAsync();

        // The filters are folded until one is active, as a phone reader meets them: open them first.
        await page.Locator("form.filters summary").ClickAsync();
        await page.GetByLabel("Rating").SelectOptionAsync(new SelectOptionValue { Label = "Misleading" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show claims" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/claims\?.*rating=misleading"));
        var badges = page.Locator(".claim-row .rating");
        var count = await badges.CountAsync();
        Assert.InRange(count, 1, allRows - 1);
        foreach (var text in await badges.AllInnerTextsAsync())
        {
            Assert.Equal("Misleading", text.Trim());
        }

        await Expect(page.Locator("main")).ToContainTextAsync("The Taliban are fully enforcing their amnesty");
        await Expect(page.GetByLabel("Rating")).ToHaveValueAsync("misleading");
    }

    [Fact]
    public async Task Reader_walks_the_amnesty_timeline_to_the_december_denial()
    {
        var balkiPath = await fixture.App.QueryAsync(async db =>
        {
            var claim = await db.Claims.AsNoTracking().SingleAsync(c => c.Key == "balki-amnesty-fully-committed");
            return $"/claims/{claim.Id}/{claim.Slug}";
        });
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/topics");
        await page.GetByRole(AriaRole.Link, new() { Name = "The Taliban's amnesty pledges, 2018–2021" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, "/topics/taliban-amnesty-pledges").AbsoluteUri);

        var dates = await page.Locator("ol.timeline > li > .timeline__date time").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('datetime'))");
        var story = new[] { "2018-05", "2021-06", "2021-07", "2021-08-17", "2021-08-20", "2021-09-13", "2021-11-30", "2021-12-04", "2021-12-05" };
        var positions = story.Select(d => Array.IndexOf(dates, d)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("Rated Unproven as of 17 August 2021");
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("Rated Misleading as of 30 November 2021");

        var denial = page.Locator("ol.timeline > li.timeline__event--claim").Filter(new() { Has = page.Locator("time[datetime='2021-12-05']") });
        await Expect(denial).ToHaveCountAsync(1);
        await denial.Locator("h3 a").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, balkiPath).AbsoluteUri);
        await Expect(page.Locator("main")).ToContainTextAsync("The Mojahedin are fully committed to enforcing the amnesty decree");
    }

    [Theory]
    [InlineData("/claims")]
    [InlineData("/topics/taliban-amnesty-pledges")]
    [InlineData("/claimants/taliban")]
    public async Task Browse_pages_fit_a_phone_screen(string path)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(path);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"{path} is {overflow}px wider than a 375px phone screen");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    private Task<IBrowserContext> NewContextAsync(bool javaScript) =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = javaScript,
        });
}
