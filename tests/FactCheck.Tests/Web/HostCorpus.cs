using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>
/// Sends every hostile Host header (<see cref="HostileHosts"/>) to every kind of address over a raw socket,
/// and lists what went wrong: a 5xx, an error without the site's page, or a page whose absolute URLs (canonical
/// link, JSON-LD, feed links) name a host the site does not own. Feed ids name no host at all (FeedIdTests).
/// </summary>
public static partial class HostCorpus
{
    public static async Task<IReadOnlyList<string>> ProbeAsync(FactCheckAppFactory app, Func<Uri, bool> isOwnUrl)
    {
        var paths = await PageKinds.LoadAsync(app);
        var failures = new List<string>();
        foreach (var host in HostileHosts.Corpus())
        {
            var responses = await Task.WhenAll(paths.Select(path => RawHttp.SendAsync(app.BaseAddress, path, host)));
            foreach (var (path, response) in paths.Zip(responses))
            {
                var context = $"Host {Printable(host)} on {path}: {response.Status}";
                try
                {
                    Check(response, context, isOwnUrl);
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException)
                {
                    failures.Add(e.Message);
                }
            }
        }

        return failures;
    }

    private static void Check(RawResponse response, string context, Func<Uri, bool> isOwnUrl)
    {
        Assert.True(response.Status < 500, $"{context}: a server error");

        // Kestrel refuses a syntactically invalid Host before the site runs, with a bare 400 and no headers.
        var answeredBySite = response.Header("Content-Security-Policy") is not null;
        Assert.True(answeredBySite || response.Status == 400, $"{context}: neither the site's answer nor Kestrel's 400");
        if (answeredBySite && response.Status >= 400)
        {
            SiteResponses.AssertErrorPage(response, context);
        }

        foreach (var url in SiteAbsoluteUrls(response.Body))
        {
            Assert.True(isOwnUrl(url), $"{context}: the page names {url}");
        }
    }

    /// <summary>
    /// The absolute URLs the site builds itself: canonical link, ClaimReview url, feed links. Not the feed's
    /// Atom ids: those are permanent and never built from the Host (FeedIdTests holds them to that).
    /// </summary>
    public static IEnumerable<Uri> SiteAbsoluteUrls(string body)
    {
        var page = Html.Parse(body);
        foreach (var link in page.QuerySelectorAll("link[rel='canonical']"))
        {
            yield return new Uri(link.GetAttribute("href")!);
        }

        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            using var json = JsonDocument.Parse(script.TextContent);
            yield return new Uri(json.RootElement.GetProperty("url").GetString()!);
        }

        foreach (Match href in FeedLink().Matches(body))
        {
            yield return new Uri(href.Groups["url"].Value);
        }
    }

    /// <summary>The authority of every tag: id in a feed ("factcheck.example" of tag:factcheck.example,2026:verdict-1).</summary>
    public static IEnumerable<string> FeedIdAuthorities(string body) =>
        TagId().Matches(body).Select(m => m.Groups["host"].Value);

    private static string Printable(string host) =>
        host.Length > 40 ? $"\"{Escape(host[..20])}…\" ({host.Length} chars)" : $"\"{Escape(host)}\"";

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) || c > '\x7E' ? $"\\u{(int)c:X4}".ToString(CultureInfo.InvariantCulture) : c.ToString()));

    [GeneratedRegex("<id>tag:(?<host>[^,<]+),")]
    private static partial Regex TagId();

    // Feed links; the entries' HTML content is escaped, so its links do not match.
    [GeneratedRegex("<link [^>]*href=\"(?<url>https?://[^\"]+)\"")]
    private static partial Regex FeedLink();
}
