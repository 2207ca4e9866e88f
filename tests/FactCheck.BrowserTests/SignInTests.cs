using System.Text.RegularExpressions;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>An editor's way in and out, found by the accessible names a screen reader announces.</summary>
[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture fixture)
{
    private const string Email = "browser-editor@example.com";
    private const string Password = "a passphrase typed in a browser";

    [Fact]
    public async Task Editor_signs_in_through_the_labelled_fields_reaches_the_desk_and_signs_out()
    {
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(Email, Password, DeskRoles.Editor);
            Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
        }

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/editor");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Feditor$"));

        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, "/editor").AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Editors' desk", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync($"Signed in as {Email}, editor.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(fixture.BaseAddress, "/").AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToHaveCountAsync(0);
    }
}
