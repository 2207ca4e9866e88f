using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>A journalist's search in a real browser: type a word, read the highlighted results, open one.</summary>
[Collection(BrowserCollection.Name)]
public class SearchTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Searching_amnesty_and_opening_a_result_lands_on_the_claim_page(bool javaScript)
    {
        var balki = await fixture.App.QueryAsync(db => db.Claims.AsNoTracking()
            .Where(c => c.Key == "balki-amnesty-fully-committed")
            .Select(c => new { c.Id, c.Slug, c.Summary })
            .SingleAsync());
        var claimPath = $"/claims/{balki.Id}/{balki.Slug}";
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/search");
        await page.GetByLabel("Search claims, evidence and documents").FillAsync("amnesty");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        // A GET form: the results are a URL that can be shared (empty filters ride along).
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?q=amnesty(&|$)"));
        var claims = page.Locator("#results-claims");
        await Expect(claims.Locator("mark").First).ToHaveTextAsync("amnesty", new() { IgnoreCase = true });
        await claims.Locator($".card__title a[href='{claimPath}']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, claimPath).AbsoluteUri);
        await Expect(page.Locator("h1")).ToHaveTextAsync(balki.Summary);
        await Expect(page.Locator("main")).ToContainTextAsync("The Mojahedin are fully committed to enforcing the amnesty decree");
    }
}
