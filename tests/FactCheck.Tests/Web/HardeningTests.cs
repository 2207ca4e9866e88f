using System.Net;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Services;

namespace FactCheck.Tests.Web;

/// <summary>Inputs and sequences that once broke a page, and the protections every response carries.</summary>
[Collection(FactCheckAppCollection.Name)]
public class HardeningTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Theory]
    [InlineData("/claims?to=9999-12")]
    [InlineData("/claims?from=9999&to=9999")]
    [InlineData("/search?q=amnesty&to=9999-12")]
    public async Task A_date_at_the_end_of_the_calendar_is_a_filter_not_a_crash(string path)
    {
        var page = await GetPageAsync(path);

        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task Every_page_forbids_inline_script_and_content_sniffing()
    {
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_wrongly_cased_slug_redirects_even_after_the_canonical_page_is_cached()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        for (var i = 0; i < 2; i++)
        {
            using var canonical = await Client.GetAsync(new Uri(balki.Path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, canonical.StatusCode);
        }

        using var response = await Client.GetAsync(new Uri(balki.Path.ToUpperInvariant().Replace("/CLAIMS/", "/claims/", StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Resolve(balki.Path), new Uri(App.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_from_the_feed_and_emoji_kept()
    {
        Assert.Equal("ab\U0001F600c", FeedService.XmlSafe("a\u000Cb\U0001F600\u0001c"));
        Assert.Equal("lone", FeedService.XmlSafe("lo\uD800ne"));
    }
}

/// <summary>
/// A Host header the URL parser rejects is a bad request, not a server error. Sent over a raw socket:
/// HttpClient does not put such a header on the wire as a client like curl does.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
public class HostHeaderTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Theory]
    [InlineData("x:99999")]
    [InlineData("a..b")]
    public async Task An_invalid_host_gets_400_on_pages_and_the_feed(string host)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        foreach (var path in new[] { balki.Path, "/feeds/verdicts.atom" })
        {
            Assert.Equal(400, await RawStatusAsync(path, host));
        }
    }

    [Fact]
    public async Task A_valid_host_still_gets_the_page()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        Assert.Equal(200, await RawStatusAsync(balki.Path, "factcheck.example"));
    }

    private async Task<int> RawStatusAsync(string path, string host)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(App.BaseAddress.Host, App.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
