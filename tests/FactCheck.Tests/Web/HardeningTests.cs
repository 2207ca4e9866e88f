using System.Net;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Feeds;

namespace FactCheck.Tests.Web;

/// <summary>Inputs and sequences that once broke a page, and the protections every response carries.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
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
