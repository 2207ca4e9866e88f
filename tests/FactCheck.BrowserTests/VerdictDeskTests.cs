using System.Text.RegularExpressions;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>
/// The desk in Chromium, through the accessible names a screen reader announces: an editor drafts a
/// verdict in Markdown, a chief editor publishes it, and readers see it; two editors on one draft.
/// </summary>
[Collection(BrowserCollection.Name)]
public class VerdictDeskTests(BrowserFixture fixture)
{
    private const string Password = "a passphrase typed at the desk";

    [Fact]
    public async Task An_editor_drafts_and_submits_a_chief_editor_publishes_and_readers_see_the_verdict()
    {
        var claim = await DeskClaims.CreateUnratedAsync(fixture.App, "browser-publish");
        await AddUserAsync("drafting-editor@example.com", DeskRoles.Editor);
        await AddUserAsync("publishing-chief@example.com", DeskRoles.ChiefEditor);

        await using var editorContext = await NewContextAsync();
        var editor = await SignInAsync(editorContext, "drafting-editor@example.com", claim.VerdictPath);
        await Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToHaveCountAsync(0);

        await editor.GetByLabel("Rating", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "False" });
        await editor.GetByLabel("Headline", new() { Exact = true }).FillAsync("Browser headline: killings of former officials are documented");
        await editor.GetByLabel("Claim reviewed", new() { Exact = true }).FillAsync("Nobody who served the old government was harmed");
        await editor.GetByLabel("Rationale", new() { Exact = true }).FillAsync(
            "Human Rights Watch documented **reprisal killings**.\n\n<script>window.pwned = true</script>");

        var preview = editor.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Expect(preview.Locator("strong")).ToHaveTextAsync("reprisal killings");
        await Expect(preview).ToContainTextAsync("<script>window.pwned = true</script>");
        Assert.Equal(0, await preview.Locator("script").CountAsync());

        // The evidence rule, at its field, before anything is saved.
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(editor.GetByText("A rating of False needs at least one evidence item that contradicts the claim.")).ToBeVisibleAsync();

        await editor.GetByLabel(new Regex("^Contradicts: Human Rights Watch")).CheckAsync();
        await Expect(editor.GetByRole(AriaRole.Region, new() { Name = "ClaimReview checklist" })).Not.ToContainTextAsync("Missing:");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Submitted for review.");
        Assert.False(await editor.EvaluateAsync<bool>("() => window.pwned === true"), "the rationale's script must never run");

        await using var chiefContext = await NewContextAsync();
        var chief = await SignInAsync(chiefContext, "publishing-chief@example.com", claim.VerdictPath);
        await Expect(chief.GetByLabel("Headline", new() { Exact = true })).ToHaveValueAsync("Browser headline: killings of former officials are documented");
        await chief.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(chief.GetByRole(AriaRole.Status)).ToContainTextAsync("Published.");

        await using var readerContext = await NewContextAsync();
        var reader = await readerContext.NewPageAsync();
        await reader.GotoAsync(claim.Path);
        await Expect(reader.Locator("main")).ToContainTextAsync("Browser headline: killings of former officials are documented");
        await Expect(reader.Locator("main .verdict .rating").First).ToHaveTextAsync("False");
        await Expect(reader.Locator("main")).ToContainTextAsync("<script>window.pwned = true</script>");
        Assert.False(await reader.EvaluateAsync<bool>("() => window.pwned === true"));

        var feed = await reader.APIRequest.GetAsync("/feeds/verdicts.atom");
        Assert.Contains("Browser headline: killings of former officials are documented", await feed.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_editors_save_the_same_draft_and_the_second_is_told_and_shown_both_versions()
    {
        var claim = await DeskClaims.CreateUnratedAsync(fixture.App, "browser-conflict");
        await AddUserAsync("editor-a@example.com", DeskRoles.Editor);
        await AddUserAsync("editor-b@example.com", DeskRoles.Editor);

        await using var contextA = await NewContextAsync();
        var a = await SignInAsync(contextA, "editor-a@example.com", claim.VerdictPath);
        await FillDraftAsync(a, "Headline typed at desk A");
        await a.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(a.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");

        await using var contextB = await NewContextAsync();
        var b = await SignInAsync(contextB, "editor-b@example.com", claim.VerdictPath);
        await Expect(b.GetByLabel("Headline", new() { Exact = true })).ToHaveValueAsync("Headline typed at desk A");

        await a.GetByLabel("Headline", new() { Exact = true }).FillAsync("Second headline from desk A");
        await a.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        // "Draft saved." is already on screen from the first save; the version number says the second landed.
        await Expect(a.GetByTestId("draft-status")).ToContainTextAsync("version 2,", new() { Timeout = 15_000 });

        await b.GetByLabel("Headline", new() { Exact = true }).FillAsync("Headline typed at desk B");
        await b.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        var merge = b.GetByRole(AriaRole.Alert).Filter(new() { Has = b.GetByRole(AriaRole.Heading, new() { Name = "The draft changed since you opened it" }) });
        await Expect(merge).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(merge).ToContainTextAsync("Second headline from desk A");
        await Expect(merge).ToContainTextAsync("Headline typed at desk B");
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("editor-a@example.com saved it");

        // Nothing of B's was written over A's.
        var stored = await fixture.App.QueryAsync(async db => (await db.Verdicts.FindAsync(
            db.Verdicts.Where(v => v.ClaimId == claim.Id).Select(v => v.Id).Single()))!.Headline);
        Assert.Equal("Second headline from desk A", stored);

        // B keeps their version deliberately, and only then it is saved.
        await merge.GetByRole(AriaRole.Button, new() { Name = "Keep my version" }).ClickAsync();
        await b.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");
    }

    [Fact]
    public async Task The_desk_pages_and_the_verdict_forms_messages_have_no_WCAG_AA_violations()
    {
        var claim = await DeskClaims.CreateUnratedAsync(fixture.App, "browser-axe");
        await AddUserAsync("axe-chief@example.com", DeskRoles.ChiefEditor);

        // axe is injected as a script, which the desk's Content-Security-Policy forbids.
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString(), BypassCSP = true });
        var page = await SignInAsync(context, "axe-chief@example.com", claim.VerdictPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(page.GetByText("Choose a rating.").First).ToBeVisibleAsync();

        await AxeChecks.AssertNoViolationsAsync(page);

        var sourceId = await fixture.App.QueryAsync(db => db.Sources.Select(s => s.Id).FirstAsync());
        foreach (var path in new[] { "/editor", "/editor/sources", "/editor/sources/new", $"/editor/sources/{sourceId}", $"/editor/claims/{claim.Id}/history" })
        {
            await page.GotoAsync(path);
            await AxeChecks.AssertNoViolationsAsync(page);
        }
    }

    private static async Task FillDraftAsync(IPage page, string headline)
    {
        await page.GetByLabel("Rating", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Misleading" });
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync(headline);
        await page.GetByLabel("Rationale", new() { Exact = true }).FillAsync("Drafted in a browser test.");
    }

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });

    /// <summary>Signs in and opens <paramref name="path"/>, waiting for the form's circuit: until then its controls do nothing.</summary>
    private static async Task<IPage> SignInAsync(IBrowserContext context, string email, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // The document is enough: the circuit is awaited below, and the load event can trail far behind on a busy machine.
            await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            // Say where the browser ended up instead: a sign-in that fails shows why on the page it stays on.
            throw new InvalidOperationException($"Signing in as {email} stayed at {page.Url}: {await page.Locator("main").InnerTextAsync()}", e);
        }

        await page.Locator("form.verdict-form[data-live=true]").WaitForAsync();
        return page;
    }

    private async Task AddUserAsync(string email, string role)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, role);
        Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
    }
}
