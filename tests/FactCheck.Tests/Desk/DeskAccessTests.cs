using System.Net;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Desk;

/// <summary>
/// Every route under /editor, read from the application's own endpoint table so that a page added later is
/// covered without anyone remembering to list it: anonymous visitors are sent to sign in, and a signed-in
/// account without a desk role is refused.
/// </summary>
[Trait("Database", "Both")]
public sealed class DeskAccessTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task Every_editor_route_sends_anonymous_visitors_to_sign_in_and_refuses_an_account_without_a_role()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "access-check");
        var paths = DeskPaths(claim.Id);
        Assert.Contains("/editor", paths);
        Assert.Contains(claim.VerdictPath, paths);
        Assert.Contains($"/editor/claims/{claim.Id}/history", paths);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>()
                .CreateAsync(new EditorUser { UserName = "reader-only@example.com", Email = "reader-only@example.com" }, DeskAppFactory.Password);
            Assert.True(created.Succeeded);
        }

        using var anonymous = new FormSession(app.BaseAddress);
        using var noRole = await app.SignInAsync("reader-only@example.com");
        foreach (var path in paths)
        {
            using var refusedAnonymous = await anonymous.GetAsync(path);
            Assert.True(refusedAnonymous.StatusCode == HttpStatusCode.Found, $"GET {path} anonymously answered {(int)refusedAnonymous.StatusCode}");
            Assert.Equal("/account/login", refusedAnonymous.Headers.Location!.AbsolutePath);

            using var refusedNoRole = await noRole.GetAsync(path);
            Assert.True(refusedNoRole.StatusCode == HttpStatusCode.Forbidden, $"GET {path} without a role answered {(int)refusedNoRole.StatusCode}");
            Assert.True(refusedNoRole.Headers.CacheControl?.NoStore, $"{path} must say no-store");
        }
    }

    /// <summary>
    /// The /editor routes with every parameter set to a claim's id: authorization runs before the page, so
    /// the refusal must come whether or not the id names anything on that page.
    /// </summary>
    private List<string> DeskPaths(int claimId) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => p == "/editor" || p.StartsWith("/editor/", StringComparison.Ordinal))
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"\{[^}]+\}", _ => claimId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct()];
}
