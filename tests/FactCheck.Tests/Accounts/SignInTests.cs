using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Accounts;

/// <summary>Signing in to the editors' desk over real HTTP, as a browser does it: the page's form, its token, its cookie.</summary>
[Trait("Database", "Both")]
public sealed class SignInTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    private const string Password = "a long enough passphrase for tests";

    [Fact]
    public async Task AnonymousRequestForTheDeskIsSentToSignIn()
    {
        using var session = new FormSession(app.BaseAddress);
        using var response = await session.GetAsync("/editor");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2Feditor", response.Headers.Location.Query);
    }

    [Fact]
    public async Task EditorSignsInThroughTheLabelledFormAndSeesTheDesk()
    {
        await app.AddUserAsync("editor@example.com", Password, DeskRoles.Editor);
        using var session = new FormSession(app.BaseAddress);

        using var signIn = await SignInAsync(session, "editor@example.com", Password, "/account/login?ReturnUrl=%2Feditor");
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.Equal("/editor", new Uri(app.BaseAddress, signIn.Headers.Location!).AbsolutePath);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        using var desk = await session.GetAsync("/editor");
        var body = await desk.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        Assert.True(desk.Headers.CacheControl?.NoStore, "Cache-Control must say no-store");
        var page = Html.Parse(body);
        Assert.Equal("Editors' desk", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("Signed in as editor@example.com, editor.", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutNeedsItsTokenAndEndsTheSession()
    {
        await app.AddUserAsync("leaving@example.com", Password, DeskRoles.ChiefEditor);
        using var session = new FormSession(app.BaseAddress);
        using (await SignInAsync(session, "leaving@example.com", Password))
        {
        }

        using (var forged = await session.PostAsync("/account/logout", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        var desk = await session.GetPageAsync("/editor");
        Assert.Contains("chief editor", desk.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        var signOut = Assert.Single(desk.Forms, f => f.Action.EndsWith("/account/logout", StringComparison.Ordinal));
        var token = signOut.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using (var signedOut = await session.PostAsync("/account/logout", new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        using var after = await session.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignedInUserWithoutARoleGetsTheSitesForbiddenPage()
    {
        await app.AddUserAsync("no-role@example.com", Password, role: null);
        using var session = new FormSession(app.BaseAddress);
        using (var signIn = await SignInAsync(session, "no-role@example.com", Password))
        {
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        }

        using var desk = await session.GetAsync("/editor");
        var page = Html.Parse(await desk.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
        Assert.Equal("Not allowed", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.True(desk.Headers.CacheControl?.NoStore, "Cache-Control must say no-store");
    }

    [Fact]
    public async Task SignInPostWithoutItsAntiforgeryTokenIsRefused()
    {
        await app.AddUserAsync("forged@example.com", Password, DeskRoles.Editor);
        using var session = new FormSession(app.BaseAddress);
        using var response = await session.PostAsync("/account/login", new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "forged@example.com",
            ["Input.Password"] = Password,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.Identity.", StringComparison.Ordinal)));
        using var desk = await session.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Found, desk.StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        await app.AddUserAsync("target@example.com", Password, DeskRoles.Editor);
        using var session = new FormSession(app.BaseAddress);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await SignInAsync(session, "target@example.com", "not the password at all " + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        using var right = await SignInAsync(session, "target@example.com", Password);
        var page = Html.Parse(await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked after too many failed sign-ins", page.QuerySelector(".validation-message")?.TextContent, StringComparison.Ordinal);
        using var desk = await session.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.Found, desk.StatusCode);
    }

    [Fact]
    public async Task WrongPasswordIsToldAtThePasswordField()
    {
        await app.AddUserAsync("typo@example.com", Password, DeskRoles.Editor);
        using var session = new FormSession(app.BaseAddress);
        using var response = await SignInAsync(session, "typo@example.com", Password + "x");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = page.QuerySelector("#login-password ~ .validation-message");
        Assert.Equal("The email or password is not right.", message?.TextContent);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control must say no-store");
    }

    [Fact]
    public async Task AnonymousReaderPagesSetNoCookieAndLoadNoScript()
    {
        using var session = new FormSession(app.BaseAddress);
        foreach (var path in new[] { "/", "/claims", "/search?q=amnesty" })
        {
            using var response = await session.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
            Assert.DoesNotContain("<script src", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Sign out", body, StringComparison.Ordinal);
        }
    }

    private static Task<HttpResponseMessage> SignInAsync(FormSession session, string email, string password, string path = "/account/login") =>
        session.SubmitAsync(path, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, "Sign in");
}
