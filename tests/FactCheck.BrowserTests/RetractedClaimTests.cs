using FactCheck.Data;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>
/// A retracted claim's address in Chromium, on a phone's width with JavaScript off: the 410 notice reads
/// whole (heading, reason, a way to the corrections) and passes the WCAG 2.1 AA check.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RetractedClaimTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_retraction_notice_is_readable_on_a_phone_without_JavaScript_and_passes_axe()
    {
        var claim = await DeskClaims.CreateUnratedAsync(fixture.App, "browser-retracted");
        await fixture.App.QueryAsync(async db =>
        {
            var row = await db.Claims.SingleAsync(c => c.Id == claim.Id);
            row.RetractedAtUtc = DateTime.UtcNow;
            row.RetractionReason = "The statement was attributed to the wrong spokesman.";
            row.RetractedBy = "chief@example.org";
            db.Attribution = new ChangeAttribution("chief@example.org", "Retracted in a browser test");
            return await db.SaveChangesAsync();
        });

        // No script: the notice must not depend on one. The CSP bypass is only for axe's injected script.
        await using var reading = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await reading.NewPageAsync();
        var response = await page.GotoAsync(claim.Path);

        Assert.Equal(410, response?.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This claim was retracted");
        await Assertions.Expect(page.GetByText("The statement was attributed to the wrong spokesman.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Corrections", Exact = true })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the notice scrolls sideways on a phone");

        await using var checking = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), BypassCSP = true });
        var checkedPage = await checking.NewPageAsync();
        await checkedPage.GotoAsync(claim.Path);
        await AxeChecks.AssertNoViolationsAsync(checkedPage, claim.Path);
    }
}
