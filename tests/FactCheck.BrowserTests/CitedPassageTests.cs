using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>
/// Following a citation without script: the followed passage stands out as one block with every run of its
/// words marked, the other cited passages stay quiet, and the note beside it links back to the claim.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CitedPassageTests(BrowserFixture fixture)
{
    private const string Transparent = "rgba(0, 0, 0, 0)";

    [Fact]
    public async Task A_followed_citation_lands_on_one_highlighted_block_that_links_back_to_the_claim()
    {
        var (claimPath, passageHref, passageId) = await fixture.App.QueryAsync(async db =>
        {
            var claim = await db.Claims.AsNoTracking().SingleAsync(c => c.Key == "balki-amnesty-fully-committed");
            var hrw = await db.Evidence.AsNoTracking()
                .Where(e => e.ClaimId == claim.Id && e.Organization == "Human Rights Watch")
                .OrderBy(e => e.Id)
                .Select(e => new { e.PassageId, e.Passage.SourceId, SourceSlug = e.Passage.Source.Slug })
                .FirstAsync();
            return ($"/claims/{claim.Id}/{claim.Slug}", $"/sources/{hrw.SourceId}/{hrw.SourceSlug}#passage-{hrw.PassageId}", hrw.PassageId);
        });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 390, Height = 800 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(passageHref);

        var block = page.Locator($".cited:has([id='passage-{passageId}'])");
        await Expect(block).ToHaveCountAsync(1);
        await Expect(block).ToBeInViewportAsync();
        Assert.NotEqual(Transparent, await BackgroundAsync(block));
        var quiet = page.Locator($".cited:not(:has([id='passage-{passageId}']))").First;
        Assert.Equal(Transparent, await BackgroundAsync(quiet));

        var ownWords = page.Locator($"mark[data-passages~='{passageId}']");
        Assert.True(await ownWords.CountAsync() > 0);
        foreach (var mark in await ownWords.AllAsync())
        {
            Assert.NotEqual(Transparent, await BackgroundAsync(mark));
        }

        Assert.Equal(Transparent, await BackgroundAsync(quiet.Locator("mark").First));

        var back = block.Locator($".cited__note a[href$='{claimPath}']");
        await Expect(back).ToBeVisibleAsync();
        await Expect(block.Locator(".cited__note").Filter(new() { Has = page.Locator($"a[href$='{claimPath}']") }))
            .ToContainTextAsync("Cited as evidence (contradicts) for:");
    }

    private static Task<string> BackgroundAsync(ILocator element) =>
        element.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor");
}
