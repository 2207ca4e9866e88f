using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>
/// Every kind of reader page, error states included, checked in Chromium with axe-core against WCAG 2.1
/// A and AA: landmarks, headings, labels, names and colour contrast as rendered, not as written.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTests(BrowserFixture fixture)
{
    public static TheoryData<string> Pages() =>
    [
        "/",
        "{claim}",
        "{claim}/v/1",
        "{source}",
        "/claims",
        "/claims?rating=misleading&sort=rating",
        "/claims?to=not-a-date&rating=bogus",
        "/claimants/taliban",
        "/topics",
        "/topics/taliban-amnesty-pledges",
        "/search",
        "/search?q=amnesty",
        "/search?q=%22unclosed",
        "/corrections",
        "/api/docs",
        "/no-such-page",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Reader_pages_have_no_WCAG_AA_violations(string path)
    {
        var balki = await fixture.App.QueryAsync(db => db.Claims.AsNoTracking()
            .Where(c => c.Key == "balki-amnesty-fully-committed")
            .Select(c => new
            {
                c.Id,
                c.Slug,
                Source = c.Evidence.Select(e => new { e.Passage.Source.Id, e.Passage.Source.Slug }).First(),
            })
            .SingleAsync());
        path = path
            .Replace("{claim}", $"/claims/{balki.Id}/{balki.Slug}", StringComparison.Ordinal)
            .Replace("{source}", $"/sources/{balki.Source.Id}/{balki.Source.Slug}", StringComparison.Ordinal);

        // axe is injected as a script; the site's Content-Security-Policy rightly forbids that, so the
        // test's browser context bypasses it (readers' browsers do not).
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await AxeChecks.AssertNoViolationsAsync(page, path);
    }

    [Fact]
    public async Task The_check_itself_catches_low_contrast_and_a_missing_label()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Control</title></head>
            <body><main><h1>Control</h1><p style="color:#bbb;background:#fff">Faint text</p><input type="text"></main></body></html>
            """);

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa"] },
        });

        var ids = result.Violations.Select(v => v.Id).ToList();
        Assert.Contains("color-contrast", ids);
        Assert.Contains("label", ids);
    }
}
