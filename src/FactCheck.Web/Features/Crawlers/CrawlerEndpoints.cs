using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Crawlers;

public static class CrawlerEndpoints
{
    /// <summary>
    /// Maps /robots.txt, /sitemap.xml (the index) and /sitemaps/{section}-{page}.xml. Documents for crawlers,
    /// not pages, so minimal API endpoints. The sitemap service is made per request rather than registered: it
    /// needs only the context and the site's settings.
    /// </summary>
    public static IEndpointRouteBuilder MapCrawlerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(RobotsTxt.Path, (HttpContext context, SiteSettings site) =>
            Results.Text(RobotsTxt.Build(site.BaseUrlFor(context.Request)), RobotsTxt.ContentType))
            .WithName("RobotsTxt");
        endpoints.MapGet(SitemapService.IndexPath, (HttpContext context, CancellationToken cancellationToken) =>
            Sitemaps(context).WriteIndexAsync(context.Response, cancellationToken))
            .WithName("SitemapIndex");
        endpoints.MapGet("/sitemaps/{file}", async (HttpContext context, string file, CancellationToken cancellationToken) =>
        {
            if (!SitemapService.TryParseFile(file, out var section, out var page)
                || !await Sitemaps(context).TryWriteFileAsync(context.Response, section, page, cancellationToken))
            {
                // Nothing written yet: the error-page middleware renders the site's own 404.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        })
            .WithName("Sitemap");
        return endpoints;
    }

    private static SitemapService Sitemaps(HttpContext context) => ActivatorUtilities.CreateInstance<SitemapService>(context.RequestServices);
}
