using System.Net;
using FactCheck.CrashRecovery;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Hosting;
using FactCheck.Web.Site;

namespace FactCheck.Tests.Web;

/// <summary>
/// The shipped configuration serves the local machine's names on any port. Any other Host, no Host at all,
/// or one no URL can carry is refused with the site's 400 page; none gets a 5xx or names itself in a URL.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class HostHeaderTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private static readonly string[] LocalNames = ["localhost", "127.0.0.1", "[::1]"];

    [Fact]
    public async Task No_hostile_host_gets_a_server_error_or_into_an_absolute_url_on_any_kind_of_address()
    {
        var failures = await HostCorpus.ProbeAsync(App, url => LocalNames.Contains(url.Host));

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task The_local_machine_gets_every_page_on_any_port_with_urls_on_the_name_it_used(string name)
    {
        var host = $"{name}:{App.BaseAddress.Port}";
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            var response = await RawHttp.SendAsync(App.BaseAddress, path, host);

            Assert.True(response.Status == (path == PageKinds.NotFoundPath ? 404 : 200), $"{host} {path}: {response.Status}");
            Assert.All(HostCorpus.SiteAbsoluteUrls(response.Body), url => Assert.Equal(name, url.Host));
        }
    }

    [Theory]
    [InlineData("factcheck.example")]
    [InlineData("localhost:99999")]
    [InlineData("[::1]:65536")]
    [InlineData("xn--zz")]
    [InlineData("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((")]
    public async Task A_host_the_site_does_not_serve_gets_the_400_page_on_every_kind_of_address(string host)
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            var response = await RawHttp.SendAsync(App.BaseAddress, path, host);

            Assert.Equal(400, response.Status);
            SiteResponses.AssertErrorPage(response, $"Host {host} on {path}");
            Assert.DoesNotContain(host, response.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_HTTP_1_0_request_without_a_Host_gets_the_400_page_on_every_kind_of_address()
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            var response = await RawHttp.SendAsync(App.BaseAddress, path, host: null, version: "HTTP/1.0");

            Assert.Equal(400, response.Status);
            SiteResponses.AssertErrorPage(response, $"HTTP/1.0 without Host on {path}");
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    public async Task An_empty_Host_gets_a_400_on_every_kind_of_address_whatever_the_method(string method)
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            var response = await RawHttp.SendAsync(App.BaseAddress, path, host: "", method);

            Assert.Equal(400, response.Status);
            SiteResponses.AssertSecurityHeaders(response.Header, $"{method} {path}");
            if (method != "HEAD")
            {
                SiteResponses.AssertErrorPage(response, $"{method} with an empty Host on {path}");
            }
        }
    }

    [Fact]
    public async Task The_feed_links_carry_the_host_that_was_checked_and_its_ids_none()
    {
        using var response = await Client.GetAsync(new Uri("/feeds/verdicts.atom", UriKind.Relative));
        var feed = await response.Content.ReadAsStringAsync();

        // Ids are permanent names, not addresses (decisions/feed-ids.md); without Site:BaseUrl they use the reserved default.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<id>tag:{SiteSettings.DefaultFeedIdAuthority},", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("<id>tag:127.0.0.1,", feed, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", feed, StringComparison.Ordinal);
    }
}

/// <summary>
/// A deployment that lets any Host through (AllowedHosts "*") and sets Site:BaseUrl: every request is handled
/// as addressed to the public address, so whatever Host comes in, pages render and name only that address.
/// </summary>
[Trait("Database", "Both")]
public class ConfiguredSiteHostTests(ConfiguredSiteAppFactory app) : IClassFixture<ConfiguredSiteAppFactory>
{
    [Fact]
    public async Task No_hostile_host_gets_a_server_error_or_into_an_absolute_url_on_any_kind_of_address()
    {
        var failures = await HostCorpus.ProbeAsync(app, IsPublicUrl);

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost:99999")]
    [InlineData("xn--zz")]
    public async Task Any_host_gets_the_pages_with_urls_on_the_configured_address(string host)
    {
        foreach (var path in await PageKinds.LoadAsync(app))
        {
            var response = await RawHttp.SendAsync(app.BaseAddress, path, host);

            Assert.True(response.Status == (path == PageKinds.NotFoundPath ? 404 : 200), $"{host} {path}: {response.Status}");
            Assert.DoesNotContain(host, response.Body, StringComparison.OrdinalIgnoreCase);
            Assert.All(HostCorpus.SiteAbsoluteUrls(response.Body), url => Assert.True(IsPublicUrl(url), $"{path} names {url}"));
        }
    }

    [Fact]
    public async Task The_claim_page_and_the_feed_name_the_configured_address()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);

        var claim = await RawHttp.SendAsync(app.BaseAddress, balki.Path, "evil.example");
        var feed = await RawHttp.SendAsync(app.BaseAddress, "/feeds/verdicts.atom", "evil.example");

        Assert.Contains(new Uri(ConfiguredSiteAppFactory.PublicBaseUrl + balki.Path), HostCorpus.SiteAbsoluteUrls(claim.Body));
        Assert.Contains($"<id>tag:{ConfiguredSiteAppFactory.PublicHost},2026:feeds/verdicts</id>", feed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_Host_is_still_refused()
    {
        var response = await RawHttp.SendAsync(app.BaseAddress, "/feeds/verdicts.atom", host: null, version: "HTTP/1.0");

        Assert.Equal(400, response.Status);
        SiteResponses.AssertErrorPage(response, "HTTP/1.0 without Host");
    }

    [Fact]
    public async Task Served_on_https_outside_development_every_response_asks_for_https_only()
    {
        foreach (var path in new[] { "/", PageKinds.NotFoundPath })
        {
            var response = await RawHttp.SendAsync(app.BaseAddress, path, "factcheck.example");

            Assert.StartsWith("max-age=", response.Header("Strict-Transport-Security"), StringComparison.Ordinal);
        }
    }

    private static bool IsPublicUrl(Uri url) => url.Host == ConfiguredSiteAppFactory.PublicHost && url.Scheme is "https" or "tag";
}

/// <summary>Start-up refuses a configuration that would build absolute URLs from any Host a request names.</summary>
public class HostConfigurationTests
{
    [Theory]
    [InlineData("*", null, false, true)]
    [InlineData("", null, false, true)]
    [InlineData(null, null, false, true)]
    [InlineData("factcheck.example;*", null, false, true)]
    [InlineData("0.0.0.0", null, false, true)]
    [InlineData("*", "https://factcheck.example", false, false)]
    [InlineData("*", null, true, false)]
    [InlineData("localhost;127.0.0.1;[::1]", null, false, false)]
    [InlineData("factcheck.example", null, false, false)]
    public void A_wildcard_needs_a_base_url_outside_development(string? allowedHosts, string? baseUrl, bool isDevelopment, bool refused)
    {
        Assert.Equal(refused, HostConfiguration.Problem(allowedHosts, baseUrl, isDevelopment) is not null);
    }

    [Fact]
    public async Task Start_up_with_a_wildcard_and_no_base_url_stops_with_one_line_saying_what_to_set()
    {
        using var harness = new CrashHarness();

        // The real process, as an operator starts it: the refusal must read as a message, not a stack trace.
        var result = await harness.RunAsync(harness.NewDatabasePath("wildcard"), "--urls", "http://127.0.0.1:0", "--AllowedHosts=*");

        Assert.Equal(CommandLine.FailureExitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("factcheck: ", line, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", line, StringComparison.Ordinal);
        Assert.Contains("Site:BaseUrl", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("factcheck.example")]
    [InlineData("/relative")]
    [InlineData("ftp://factcheck.example")]
    [InlineData("https://user@factcheck.example")]
    [InlineData("https://factcheck.example/?q=1")]
    public void A_base_url_that_is_not_an_http_address_is_refused(string baseUrl)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SiteSettings(null, baseUrl));

        Assert.Contains("Site:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://factcheck.example/", "factcheck.example")]
    [InlineData("https://factcheck.example:8443", "factcheck.example:8443")]
    [InlineData("https://bücher.example", "xn--bcher-kva.example")]
    [InlineData("http://[::1]:8080", "[::1]:8080")]
    public void The_configured_host_is_the_one_a_browser_sends(string baseUrl, string host)
    {
        Assert.Equal(host, new SiteSettings(null, baseUrl).ConfiguredHost.Value);
    }
}
