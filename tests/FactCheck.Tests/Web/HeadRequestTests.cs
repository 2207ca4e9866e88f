using System.Net;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>Link checkers and web archives verify citations with HEAD; a citation must not look dead to them.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class HeadRequestTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task HEAD_of_a_claim_permalink_answers_200_with_headers_and_no_body()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(balki.Path, UriKind.Relative));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HEAD_of_an_old_slug_redirects_like_GET()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri($"/claims/{balki.Id}/old-headline", UriKind.Relative));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(Resolve(balki.Path), new Uri(App.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public async Task HEAD_of_an_unknown_claim_is_a_real_404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/claims/999999/none", UriKind.Relative));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
