using System.Net;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>
/// What every response tells the browser and any cache on the way: the security headers, nothing about the
/// server software, and what may be stored (a reader page for a minute by anyone; anything else not at all).
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ResponseHeaderTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Every_kind_of_reader_page_carries_the_security_headers_and_may_be_cached_for_a_minute()
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            var header = (string name) => SiteResponses.Header(response, name);

            SiteResponses.AssertSecurityHeaders(header, path);
            Assert.True(header("Strict-Transport-Security") is null, $"{path}: HSTS over plain HTTP");
            var expected = path == PageKinds.NotFoundPath ? "no-store" : "public, max-age=60";
            Assert.True(header("Cache-Control") == expected, $"{path}: Cache-Control {header("Cache-Control")}, expected {expected}");
        }
    }

    [Fact]
    public async Task A_page_served_from_the_output_cache_says_the_same()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        HttpResponseMessage? cached = null;
        for (var i = 0; i < 3 && cached is null; i++)
        {
            var response = await Client.GetAsync(new Uri(balki.Path, UriKind.Relative));
            if (response.Headers.Age is not null)
            {
                cached = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(cached);
        using (cached)
        {
            Assert.Equal("public, max-age=60", SiteResponses.Header(cached, "Cache-Control"));
            SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(cached, name), "cached claim page");
        }
    }

    [Fact]
    public async Task An_old_slug_redirect_may_be_cached_for_a_minute_not_for_ever()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        using var response = await Client.GetAsync(new Uri($"/claims/{balki.Id}/old-headline", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("public, max-age=60", SiteResponses.Header(response, "Cache-Control"));
        SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(response, name), "301");
    }

    [Fact]
    public async Task A_signed_in_readers_page_is_not_stored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/claims", UriKind.Relative));
        request.Headers.Add("Cookie", ".AspNetCore.Identity.Application=signed-in");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", SiteResponses.Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task The_stylesheet_keeps_its_own_cache_policy_and_gets_the_security_headers()
    {
        var home = await GetPageAsync("/");
        var stylesheet = home.QuerySelector("link[rel='stylesheet']")!.GetAttribute("href")!;

        using var response = await Client.GetAsync(new Uri(stylesheet, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Static assets set their own (a year for fingerprinted files once published, revalidation in a build).
        var cacheControl = SiteResponses.Header(response, "Cache-Control");
        Assert.False(cacheControl is null or "no-store" or "public, max-age=60", $"{stylesheet}: Cache-Control {cacheControl}");
        SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(response, name), stylesheet);
    }

    [Fact]
    public async Task The_permissions_policy_turns_off_what_the_site_never_uses()
    {
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));
        var policy = SiteResponses.Header(response, "Permissions-Policy") ?? "";

        foreach (var feature in new[] { "camera", "microphone", "geolocation", "payment", "usb" })
        {
            Assert.Contains($"{feature}=()", policy, StringComparison.Ordinal);
        }
    }
}
