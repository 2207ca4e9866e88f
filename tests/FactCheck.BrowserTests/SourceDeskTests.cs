using System.Globalization;
using System.Text.RegularExpressions;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>
/// From a pasted article to a claim with evidence in Chromium: the editor pastes the article, turns its quoted
/// statement into a claim, and selects a passage of the text as evidence.
/// </summary>
[Collection(BrowserCollection.Name)]
public class SourceDeskTests(BrowserFixture fixture)
{
    private const string Password = "a passphrase typed at the source desk";
    private const string Quote = "Every returning official will keep their post and nobody will be punished";
    private const string Selected = "documented 47 killings of former officials";

    [Fact]
    public async Task An_editor_pastes_an_article_turns_its_quote_into_a_claim_and_selects_evidence()
    {
        await AddUserAsync("source-desk@example.com");
        var article = "KABUL — The ministry issued new rules on Sunday (browser test).\n\n" +
            $"“{Quote},” said Farida Noorzai, the ministry's spokeswoman.\n\n" +
            $"Human Rights Watch {Selected} in four provinces.\n";

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString("/editor/sources/new")}");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("source-desk@example.com");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/editor/sources/new$"));

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Ministry statement in a browser");
        await page.GetByLabel("Publisher", new() { Exact = true }).FillAsync("Kabul Gazette");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2021-12-05");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(article);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add source" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/editor/sources/\d+\?added=source$"));

        var candidate = page.GetByRole(AriaRole.Form, new() { NameRegex = new Regex("^Farida Noorzai") });
        await Expect(candidate).ToContainTextAsync(Quote);
        await candidate.GetByRole(AriaRole.Button, new() { Name = "Create claim" }).ClickAsync();
        var status = page.GetByRole(AriaRole.Status);
        await Expect(status).ToContainTextAsync(new Regex(@"Claim \d+ created\."));
        var claimId = int.Parse(Regex.Match(await status.TextContentAsync() ?? "", @"Claim (\d+) created").Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(status.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/editor/claims/{claimId}/verdict");

        // Select the words in the rendered text as a mouse would leave them, then let the page hear the mouse go up.
        await page.EvaluateAsync(@"(words) => {
            const paragraph = [...document.querySelectorAll('[data-source-text] p')].find(p => p.textContent.includes(words));
            const node = paragraph.firstChild;
            const at = node.data.indexOf(words);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            document.getSelection().removeAllRanges();
            document.getSelection().addRange(range);
            paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        }", Selected);
        await Expect(page.GetByLabel("Passage", new() { Exact = true })).ToHaveValueAsync(Selected);

        await page.GetByLabel("Claim number", new() { Exact = true }).FillAsync(claimId.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Organization", new() { Exact = true }).FillAsync("Human Rights Watch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Evidence added to claim {claimId}.");

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheck.Data.FactCheckDbContext>();
        var claim = await db.Claims.AsNoTracking().Include(c => c.Appearances).ThenInclude(a => a.Passage).Include(c => c.Evidence).ThenInclude(e => e.Passage).SingleAsync(c => c.Id == claimId);
        Assert.Equal(Quote, claim.Quote);
        Assert.Equal(Quote, Assert.Single(claim.Appearances).Passage.Exact);
        var evidence = Assert.Single(claim.Evidence);
        Assert.Equal((Selected, Stance.Contradicts), (evidence.Passage.Exact, evidence.Stance));
        var text = await db.Sources.Where(s => s.Id == evidence.Passage.SourceId).Select(s => s.Text).SingleAsync();
        Assert.Equal(Selected, text[evidence.Passage.Start..evidence.Passage.End]);
    }

    private async Task AddUserAsync(string email)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, DeskRoles.Editor);
        Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
    }
}
