using System.Net;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Accounts;

[Trait("Database", "Both")]
public sealed class SignInRateLimitTests(StrictSignInAppFactory app) : IClassFixture<StrictSignInAppFactory>
{
    [Fact]
    public async Task SignInPostsBeyondTheLimitAreRefusedWithTheSitesPage()
    {
        using var session = new FormSession(app.BaseAddress);
        var fields = new Dictionary<string, string> { ["Email"] = "nobody@example.com", ["Password"] = "guess number one two" };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            using var allowed = await session.SubmitAsync("/account/login", fields, "Sign in");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await session.SubmitAsync("/account/login", fields, "Sign in");
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")?.TextContent.Trim());

        // Reading the form is not an attempt.
        using var form = await session.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
