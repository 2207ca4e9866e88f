using System.Net;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>Shared plumbing for the tests that talk to the running site over HTTP.</summary>
public abstract class WebTestBase(FactCheckAppFactory app) : IDisposable
{
    protected FactCheckAppFactory App { get; } = app;

    protected HttpClient Client { get; } = app.CreateHttpClient();

    /// <summary>GETs a page that must exist and returns it parsed.</summary>
    protected async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}: {Truncate(body)}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return Html.Parse(body);
    }

    /// <summary>Resolves an href found on a page against the site, as a browser would.</summary>
    protected Uri Resolve(string href) => new(App.BaseAddress, href);

    public void Dispose()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
