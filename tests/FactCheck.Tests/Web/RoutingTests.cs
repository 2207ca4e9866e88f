using System.Globalization;
using System.Net;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>Permalinks keep working when titles change, and mistakes get a real page rather than a crash.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class RoutingTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Theory]
    [InlineData("/claims/{0}/not-the-slug")]
    [InlineData("/claims/{0}")]
    [InlineData("/claims/{0}/")]
    [InlineData("/claims/{0}/THE-MOJAHEDIN")]
    [InlineData("/claims/{0}/an-old-headline?fbclid=IwAR0share&utm_source=facebook")]
    public async Task Claim_urls_without_the_current_slug_redirect_permanently_to_the_canonical_url(string template)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var path = string.Format(CultureInfo.InvariantCulture, template, balki.Id);

        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(Resolve(balki.Path), new Uri(App.BaseAddress, response.Headers.Location));
    }

    [Theory]
    [InlineData("/sources/{0}/old-headline")]
    [InlineData("/sources/{0}")]
    [InlineData("/sources/{0}/old-headline?utm_source=newsletter")]
    public async Task Source_urls_without_the_current_slug_redirect_permanently_to_the_canonical_url(string template)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var source = balki.Evidence[0];
        var path = string.Format(CultureInfo.InvariantCulture, template, source.SourceId);

        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        Assert.Equal(Resolve(source.SourcePath), new Uri(App.BaseAddress, response.Headers.Location));
    }

    [Fact]
    public async Task The_canonical_claim_url_does_not_redirect()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        using var response = await Client.GetAsync(new Uri(balki.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/claims/999999/no-such-claim")]
    [InlineData("/claims/999999")]
    [InlineData("/sources/999999/no-such-source")]
    public async Task Unknown_ids_get_a_not_found_page(string path)
    {
        await AssertNotFoundPageAsync(path);
    }

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/claims/not-a-number/slug")]
    [InlineData("/claims/99999999999999999999/slug")]
    [InlineData("/claims/-1/slug")]
    [InlineData("/sources/0")]
    public async Task Unknown_routes_get_a_not_found_page(string path)
    {
        await AssertNotFoundPageAsync(path);
    }

    private async Task AssertNotFoundPageAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path} returned {(int)response.StatusCode}: {Truncate(body)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = Html.Parse(body);
        Assert.Contains("not found", page.Body?.TextContent ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("main"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/");
    }
}
