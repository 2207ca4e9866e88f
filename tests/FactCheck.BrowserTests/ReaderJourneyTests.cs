using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>A reader's path through the site in a real browser: from the front page to a claim, to the cited words.</summary>
[Collection(BrowserCollection.Name)]
public class ReaderJourneyTests(BrowserFixture fixture)
{
    private const string BalkiKey = "balki-amnesty-fully-committed";

    [Fact]
    public async Task Reader_goes_from_the_front_page_to_the_highlighted_human_rights_watch_passage()
    {
        var balki = await LoadBalkiAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.Locator($"a[href$='{balki.ClaimPath}']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, balki.ClaimPath).AbsoluteUri);

        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync("The Mojahedin are fully committed to enforcing the amnesty decree");
        await Expect(main).ToContainTextAsync("Human Rights Watch");
        await Expect(main).ToContainTextAsync("UN High Commissioner for Human Rights");
        await Expect(main).ToContainTextAsync("CNN");

        var hrwLink = main.Locator($"a[href$='{balki.HrwEvidenceHref}']").First;
        await Expect(hrwLink).ToBeVisibleAsync();
        await hrwLink.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, balki.HrwEvidenceHref).AbsoluteUri);
        await AssertPassageIsShownHighlightedAsync(page, balki.HrwPassageAnchor);
    }

    [Fact]
    public async Task Claim_page_and_its_evidence_work_with_javascript_disabled()
    {
        var balki = await LoadBalkiAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(balki.ClaimPath);
        Assert.Equal(200, response?.Status);

        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync("The Mojahedin are fully committed to enforcing the amnesty decree");
        await Expect(main).ToContainTextAsync("Misleading");
        foreach (var organization in new[] { "Human Rights Watch", "UN High Commissioner for Human Rights", "CNN" })
        {
            await Expect(main.GetByText(organization).First).ToBeVisibleAsync();
        }

        var hrwLink = main.Locator($"a[href$='{balki.HrwEvidenceHref}']").First;
        await Expect(hrwLink).ToBeVisibleAsync();
        await hrwLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(balki.HrwEvidenceHref) + "$"));
        await AssertPassageIsShownHighlightedAsync(page, balki.HrwPassageAnchor);
    }

    [Fact]
    public async Task Claim_page_fits_a_phone_screen()
    {
        var balki = await LoadBalkiAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
            IsMobile = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync(balki.ClaimPath);

        // No sideways scrolling: the layout must reflow to the phone's width.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the claim page is {overflow}px wider than a 375px phone screen");
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
    }

    private static async Task AssertPassageIsShownHighlightedAsync(IPage page, string anchorId)
    {
        var target = page.Locator($"[id='{anchorId}']");
        await Expect(target).ToHaveCountAsync(1);
        await Expect(target).ToBeVisibleAsync();
        await Expect(target).ToBeInViewportAsync();

        // The anchor is the <mark>, sits inside it, wraps it, or is an empty marker right before it
        // (possibly after other passages' markers starting at the same place).
        var highlighted = await target.EvaluateAsync<bool>(
            """
            el => {
                if (el.tagName === 'MARK' || el.closest('mark') !== null || el.querySelector('mark') !== null) {
                    return true;
                }
                for (let node = el.nextSibling; node !== null; node = node.nextSibling) {
                    if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'MARK') {
                        return true;
                    }
                    const blank = node.textContent.trim() === '';
                    const marker = node.nodeType === Node.ELEMENT_NODE && node.id.startsWith('passage-');
                    if (!blank || (node.nodeType === Node.ELEMENT_NODE && !marker)) {
                        return false;
                    }
                }
                return false;
            }
            """);
        Assert.True(highlighted, $"#{anchorId} is not inside or next to highlighted (<mark>) text");
    }

    private async Task<BalkiPaths> LoadBalkiAsync() =>
        await fixture.App.QueryAsync(async db =>
        {
            var claim = await db.Claims.AsNoTracking().SingleAsync(c => c.Key == BalkiKey);
            var hrw = await db.Evidence.AsNoTracking()
                .Where(e => e.ClaimId == claim.Id && e.Organization == "Human Rights Watch")
                .OrderBy(e => e.Id)
                .Select(e => new { e.PassageId, e.Passage.SourceId, SourceSlug = e.Passage.Source.Slug })
                .FirstAsync();
            return new BalkiPaths(
                $"/claims/{claim.Id}/{claim.Slug}",
                $"/sources/{hrw.SourceId}/{hrw.SourceSlug}#passage-{hrw.PassageId}",
                $"passage-{hrw.PassageId}");
        });

    private sealed record BalkiPaths(string ClaimPath, string HrwEvidenceHref, string HrwPassageAnchor);
}
