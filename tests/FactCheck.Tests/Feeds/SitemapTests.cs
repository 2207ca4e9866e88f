using System.Net;
using System.Xml.Linq;
using FactCheck.Data;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Crawlers;
using FactCheck.Web.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Feeds;

/// <summary>robots.txt and the sitemaps, read as a crawler reads them: from robots.txt to every listed page.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SitemapTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task Robots_txt_keeps_crawlers_off_the_desk_and_names_the_sitemap()
    {
        using var response = await Client.GetAsync(new Uri("/robots.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Disallow: /editor", lines);
        Assert.Contains("Disallow: /account", lines);
        Assert.DoesNotContain("Disallow: /", lines);
        Assert.Contains($"Sitemap: {Resolve("/sitemap.xml").AbsoluteUri}", lines);
    }

    [Fact]
    public async Task Sitemap_lists_the_reader_pages_and_every_listed_url_answers()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var index = await GetSitemapAsync("/sitemap.xml");
        Assert.Equal(Sitemaps + "sitemapindex", index.Root!.Name);

        var urls = new List<string>();
        foreach (var loc in index.Root.Elements(Sitemaps + "sitemap").Select(s => s.Element(Sitemaps + "loc")!.Value))
        {
            Assert.True(SchemaOrgVocabulary.IsAbsoluteWebUrl(loc), $"sitemap loc {loc}");
            var file = await GetSitemapAsync(loc);
            Assert.Equal(Sitemaps + "urlset", file.Root!.Name);
            var entries = file.Root.Elements(Sitemaps + "url").ToList();
            Assert.InRange(entries.Count, 1, SitemapService.MaxUrlsPerFile);
            foreach (var entry in entries)
            {
                urls.Add(entry.Element(Sitemaps + "loc")!.Value);
                if (entry.Element(Sitemaps + "lastmod") is { } lastmod)
                {
                    Assert.True(DateTimeOffset.TryParse(lastmod.Value, out _), $"lastmod {lastmod.Value}");
                }
            }
        }

        Assert.Contains(Resolve(balki.Path).AbsoluteUri, urls);
        foreach (var path in new[] { "/", "/claims", "/topics", "/topics/taliban-amnesty-pledges", balki.Evidence[0].SourcePath })
        {
            Assert.Contains(Resolve(path).AbsoluteUri, urls);
        }

        Assert.Equal(urls.Count, urls.Distinct().Count());
        foreach (var url in urls)
        {
            Assert.True(SchemaOrgVocabulary.IsAbsoluteWebUrl(url), $"url {url}");
            using var response = await Client.GetAsync(new Uri(url));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_sitemap_past_the_end_or_of_no_section_is_not_found()
    {
        foreach (var path in new[] { "/sitemaps/claims-999.xml", "/sitemaps/claims-0.xml", "/sitemaps/editor-1.xml", "/sitemaps/claims.xml" })
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_large_archive_is_split_into_files_the_index_names()
    {
        // Two URLs a file stands in for 50,000: seven claims make four files, and a fifth is past the end.
        await using var scope = App.Services.CreateAsyncScope();
        var service = new SitemapService(scope.ServiceProvider.GetRequiredService<FactCheckDbContext>(), new SiteSettings(null, "https://factcheck.example"), pageSize: 2);
        var claims = await App.QueryAsync(db => db.Claims.CountAsync());
        var files = (claims + 1) / 2;

        var index = XDocument.Parse(await WriteAsync(scope.ServiceProvider, r => service.WriteIndexAsync(r)));
        var claimFiles = index.Root!.Elements(Sitemaps + "sitemap").Select(s => s.Element(Sitemaps + "loc")!.Value)
            .Where(l => l.Contains("/sitemaps/claims-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(1, files).Select(n => $"https://factcheck.example/sitemaps/claims-{n}.xml"), claimFiles);

        var listed = new List<string>();
        for (var page = 1; page <= files; page++)
        {
            var text = await WriteAsync(scope.ServiceProvider, async r => Assert.True(await service.TryWriteFileAsync(r, "claims", page)));
            listed.AddRange(XDocument.Parse(text).Root!.Elements(Sitemaps + "url").Select(u => u.Element(Sitemaps + "loc")!.Value));
        }

        Assert.Equal(claims, listed.Distinct().Count());
        await WriteAsync(scope.ServiceProvider, async r => Assert.False(await service.TryWriteFileAsync(r, "claims", files + 1)));
    }

    [Fact]
    public async Task Sitemaps_come_from_the_cache_until_a_save_changes_what_they_list()
    {
        const string path = "/sitemaps/claims-1.xml";
        using var first = await Client.GetAsync(new Uri(path, UriKind.Relative));
        using var second = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal("public, max-age=60", SiteResponses.Header(second, "Cache-Control"));

        // Any save a reader could see evicts the lists; a topic's description is one, put back afterwards.
        string? description = null;
        await App.QueryAsync(async db =>
        {
            var topic = await db.Topics.OrderBy(t => t.Id).FirstAsync();
            description = topic.Description;
            topic.Description = description + " (edited)";
            return await db.SaveChangesAsync();
        });
        try
        {
            using var third = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
            Assert.Null(third.Headers.Age);
        }
        finally
        {
            await App.QueryAsync(async db =>
            {
                var topic = await db.Topics.OrderBy(t => t.Id).FirstAsync();
                topic.Description = description;
                return await db.SaveChangesAsync();
            });
        }
    }

    private async Task<XDocument> GetSitemapAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> WriteAsync(IServiceProvider services, Func<HttpResponse, Task> write)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await write(context.Response);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }
}
