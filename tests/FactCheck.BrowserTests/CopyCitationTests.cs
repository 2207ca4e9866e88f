using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>
/// Copying a citation without script: one click selects the whole APA citation (the stylesheet's user-select:
/// all), Control+C copies it, and what lands on the clipboard is the citation shown, naming the version read.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CopyCitationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_click_and_control_c_copy_the_apa_citation_with_the_version_permalink()
    {
        var (claimPath, version) = await fixture.App.QueryAsync(async db =>
        {
            var claim = await db.Claims.AsNoTracking().SingleAsync(c => c.Key == "balki-amnesty-fully-committed");
            var newest = await db.ClaimVersions.Where(v => v.ClaimId == claim.Id).MaxAsync(v => v.Number);
            return ($"/claims/{claim.Id}/{claim.Slug}", newest);
        });
        var permalink = new Uri(fixture.BaseAddress, $"{claimPath}/v/{version}").AbsoluteUri;
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.GotoAsync(claimPath);

        await page.GetByText("Cite this", new() { Exact = true }).ClickAsync();
        var apa = page.Locator("details.cite-this > .cite-this__styles dd p.cite-this__text").First;
        await Expect(apa).ToBeVisibleAsync();
        var shown = (await apa.TextContentAsync())!;
        Assert.Contains(permalink, shown, StringComparison.Ordinal);
        Assert.StartsWith("FactCheck. (2021, December). ", shown, StringComparison.Ordinal);

        await apa.ClickAsync();
        Assert.Equal(shown, await page.EvaluateAsync<string>("() => window.getSelection().toString()"));
        await page.Keyboard.PressAsync("Control+C");

        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(shown, copied);
    }
}
