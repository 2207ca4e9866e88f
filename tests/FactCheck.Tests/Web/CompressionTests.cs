using System.IO.Compression;
using System.Net;
using System.Text;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>
/// Pages travel compressed when the browser asks, and the fingerprinted stylesheet is kept for a year: the two
/// things a reader on a slow phone connection notices first.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class CompressionTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Every_kind_of_reader_page_is_compressed_when_the_browser_asks(string encoding)
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            using var plain = await Client.GetAsync(new Uri(path, UriKind.Relative));
            var expected = await plain.Content.ReadAsStringAsync();

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", $"{encoding}, identity;q=0.5");
            using var response = await Client.SendAsync(request);
            var compressed = await response.Content.ReadAsByteArrayAsync();

            Assert.True(SiteResponses.Header(response, "Content-Encoding") == encoding, $"{path}: Content-Encoding {SiteResponses.Header(response, "Content-Encoding")}");
            Assert.Contains("Accept-Encoding", SiteResponses.Header(response, "Vary") ?? "", StringComparison.OrdinalIgnoreCase);
            var html = Decompress(compressed, encoding);
            Assert.Equal(plain.StatusCode, response.StatusCode);
            Assert.True(compressed.Length < Encoding.UTF8.GetByteCount(html), $"{path}: {compressed.Length} bytes compressed from {Encoding.UTF8.GetByteCount(html)}");
            Assert.Equal(Title(expected), Title(html));
        }
    }

    [Fact]
    public async Task The_feed_is_compressed_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/feeds/verdicts.atom", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", SiteResponses.Header(response, "Content-Encoding"));
        Assert.Contains("<feed", Decompress(await response.Content.ReadAsByteArrayAsync(), "gzip"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_a_form_secret_is_never_compressed()
    {
        // The sign-in form carries an antiforgery token: compressed beside reflected text, it could be recovered (BREACH).
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/login", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(SiteResponses.Header(response, "Content-Encoding"));
    }

    [Fact]
    public async Task A_signed_in_editors_reader_page_is_never_compressed()
    {
        // It carries the sign-out form and the editor's name beside the search query a stranger may have chosen.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/search?q=amnesty", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        request.Headers.Add("Cookie", ".AspNetCore.Identity.Application=signed-in");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(SiteResponses.Header(response, "Content-Encoding"));
    }

    [Fact]
    public async Task The_fingerprinted_stylesheet_is_kept_for_a_year_and_arrives_compressed()
    {
        var home = await GetPageAsync("/");
        var stylesheet = home.QuerySelector("link[rel='stylesheet']")!.GetAttribute("href")!;
        Assert.Matches(@"^/app\.[a-z0-9]+\.css$", stylesheet);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stylesheet, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cacheControl = SiteResponses.Header(response, "Cache-Control") ?? "";
        Assert.Contains("max-age=31536000", cacheControl, StringComparison.Ordinal);
        Assert.Contains("immutable", cacheControl, StringComparison.Ordinal);
        Assert.Equal("gzip", SiteResponses.Header(response, "Content-Encoding"));
        Assert.Contains(":root", Decompress(await response.Content.ReadAsByteArrayAsync(), "gzip"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unfingerprinted_stylesheet_is_revalidated()
    {
        // Its name does not change when it does: a browser must ask again, or it keeps an old look for a year.
        using var response = await Client.GetAsync(new Uri("/app.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", SiteResponses.Header(response, "Cache-Control"));
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string? Title(string html) => Html.Parse(html).Title;
}
