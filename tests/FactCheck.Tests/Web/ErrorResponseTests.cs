using System.Net;
using System.Text;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Hosting;

namespace FactCheck.Tests.Web;

/// <summary>
/// Every error a browser can reach shows the site's own short page, with the original status, the security
/// headers and a way on; an API route answers problem+json instead.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ErrorResponseTests(FactCheckAppFactory app) : WebTestBase(app)
{
    public static TheoryData<string> MethodsOtherThanGetAndHead() => ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"];

    [Theory]
    [MemberData(nameof(MethodsOtherThanGetAndHead))]
    public async Task Any_other_method_on_any_kind_of_address_gets_an_error_page_not_a_server_error(string method)
    {
        foreach (var path in await PageKinds.LoadAsync(App))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            using var response = await Client.SendAsync(request);

            var status = (int)response.StatusCode;
            Assert.True(status is 400 or 404 or 405, $"{method} {path}: {status}");
            await SiteResponses.AssertErrorPageAsync(response, $"{method} {path}");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/search")]
    public async Task A_form_post_without_a_token_is_explained(string path)
    {
        using var form = new FormUrlEncodedContent([new("q", "amnesty")]);
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await SiteResponses.AssertErrorPageAsync(response, $"POST {path}");
        Assert.Contains("Request not understood", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_the_address_does_not_take_is_named_in_the_page_and_the_Allow_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri("/claims", UriKind.Relative));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("Not allowed at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_longer_than_the_site_takes_gets_the_414_page()
    {
        var query = new string('a', ErrorPageExtensions.MaxRequestTargetLength);
        using var response = await Client.GetAsync(new Uri("/search?q=" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        await SiteResponses.AssertErrorPageAsync(response, "GET with a query as long as the limit");
    }

    [Fact]
    public async Task Cookies_larger_than_the_site_takes_get_the_431_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", "crumbs=" + new string('a', ErrorPageExtensions.MaxRequestHeadersLength));
        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        await SiteResponses.AssertErrorPageAsync(response, "GET with cookies as large as the limit");
    }

    [Fact]
    public async Task A_query_just_under_the_limit_is_still_searched()
    {
        var query = new string('a', ErrorPageExtensions.MaxRequestTargetLength - 100);

        var page = await GetPageAsync("/search?q=" + query);

        Assert.NotNull(page.QuerySelector("main form[action='/search']"));
    }

    /// <summary>
    /// Past Kestrel's own limits (twice the site's) Kestrel answers before the site runs: the status is
    /// right, but there is no page and there can be no headers (docs/decisions/error-pages.md).
    /// </summary>
    [Fact]
    public async Task Past_kestrels_limits_the_status_is_still_a_4xx()
    {
        var longTarget = await RawHttp.SendAsync(App.BaseAddress, "/search?q=" + new string('a', 3 * ErrorPageExtensions.MaxRequestTargetLength), App.BaseAddress.Authority);
        var bigHeaders = await RawHttp.SendAsync(App.BaseAddress, Encoding.ASCII.GetBytes(
            $"GET / HTTP/1.1\r\nHost: {App.BaseAddress.Authority}\r\nCookie: crumbs={new string('a', 3 * ErrorPageExtensions.MaxRequestHeadersLength)}\r\nConnection: close\r\n\r\n"));

        Assert.Equal(414, longTarget.Status);
        Assert.Equal(431, bigHeaders.Status);
    }

    [Theory]
    [InlineData("/status/404")]
    [InlineData("/status/500")]
    [InlineData("/error")]
    public async Task The_error_pages_themselves_are_not_found_at_their_own_addresses(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-resource")]
    [InlineData("POST", "/api/verdicts")]
    [InlineData("DELETE", "/api")]
    public async Task An_api_address_answers_problem_json_even_to_a_browser(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        // 404, or 405 where the static-asset fallback of a build that is not published takes only GET.
        var status = (int)response.StatusCode;
        Assert.True(status is 404 or 405, $"{method} {path}: {status}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{status}", body, StringComparison.Ordinal);
        SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(response, name), $"{method} {path}");
    }
}

/// <summary>A page whose service fails answers the site's 500 page, with every header, and nothing else breaks; an API address answers problem+json.</summary>
[Trait("Database", "Both")]
public class ServerErrorTests(FailingServicesAppFactory app) : IClassFixture<FailingServicesAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    [Fact]
    public async Task A_failing_page_answers_the_500_page_with_the_security_headers()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        SiteResponses.AssertErrorPageBody(body, name => SiteResponses.Header(response, name), "GET / failing");
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingServicesAppFactory.Failure, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_of_a_failing_page_answers_500_with_the_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/", UriKind.Relative));
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(response, name), "HEAD / failing");
    }

    [Fact]
    public async Task A_failing_api_address_answers_problem_json_without_the_failure()
    {
        using var response = await _client.GetAsync(new Uri(FailingServicesAppFactory.FailingApiPath, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":500", body, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingServicesAppFactory.Failure, body, StringComparison.Ordinal);
        SiteResponses.AssertSecurityHeaders(name => SiteResponses.Header(response, name), "GET failing API");
    }

    [Fact]
    public async Task Other_pages_still_answer()
    {
        using var response = await _client.GetAsync(new Uri("/claims", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
