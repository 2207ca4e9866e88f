using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>What every response of the site, and every error page, must show whoever receives it.</summary>
public static class SiteResponses
{
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    /// <summary>The security headers, and no Server header naming the software.</summary>
    public static void AssertSecurityHeaders(Func<string, string?> header, string context)
    {
        Assert.True(header("Content-Security-Policy")?.Contains("default-src 'self'", StringComparison.Ordinal) == true, $"{context}: no Content-Security-Policy");
        Assert.True(header("X-Content-Type-Options") == "nosniff", $"{context}: no X-Content-Type-Options: nosniff");
        Assert.True(header("Referrer-Policy") == "strict-origin-when-cross-origin", $"{context}: no Referrer-Policy");
        Assert.True(header("Permissions-Policy")?.Contains("camera=()", StringComparison.Ordinal) == true, $"{context}: no Permissions-Policy");
        Assert.True(header("Server") is null, $"{context}: Server: {header("Server")}");
    }

    /// <summary>
    /// The site's own error page: HTML in the site's layout with a heading, a search box and a link home,
    /// the security headers, and nothing a shared cache may keep.
    /// </summary>
    public static void AssertErrorPage(int status, string body, Func<string, string?> header, string context)
    {
        Assert.True(status is >= 400 and < 500, $"{context}: status {status}, not a 4xx");
        AssertErrorPageBody(body, header, context);
    }

    public static void AssertErrorPageBody(string body, Func<string, string?> header, string context)
    {
        Assert.True(header("Content-Type")?.StartsWith("text/html", StringComparison.Ordinal) == true, $"{context}: Content-Type {header("Content-Type")}");
        var page = Html.Parse(body);
        Assert.True(page.QuerySelector("main h1") is not null, $"{context}: no heading in the body ({body.Length} characters)");
        Assert.True(page.QuerySelector("main form[action='/search'] input[name='q']") is not null, $"{context}: no search box");
        Assert.True(page.QuerySelector("main a[href='/']") is not null, $"{context}: no link to the home page");
        AssertSecurityHeaders(header, context);
        Assert.True(header("Cache-Control")?.Split(',', StringSplitOptions.TrimEntries).Contains("no-store") == true, $"{context}: Cache-Control {header("Cache-Control")}");
    }

    public static void AssertErrorPage(RawResponse response, string context) =>
        AssertErrorPage(response.Status, response.Body, response.Header, context);

    public static async Task AssertErrorPageAsync(HttpResponseMessage response, string context) =>
        AssertErrorPage((int)response.StatusCode, await response.Content.ReadAsStringAsync(), name => Header(response, name), context);
}
