using FactCheck.Web.Site;


namespace FactCheck.Web.Features.Feeds;

public static class FeedEndpoints
{
    /// <summary>Maps /feeds/verdicts.atom and /feeds/corrections.atom: Atom 1.0 documents, not a page, so a minimal API rather than a component.</summary>
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SiteUrls.VerdictsFeed, async (HttpContext context, FeedService feeds, CancellationToken cancellationToken) =>
            Results.Bytes(await feeds.BuildVerdictsFeedAsync(context.Request, cancellationToken), FeedService.ContentType))
            .WithName("VerdictsFeed");
        endpoints.MapGet(SiteUrls.CorrectionsFeed, async (HttpContext context, FeedService feeds, CancellationToken cancellationToken) =>
            Results.Bytes(await feeds.BuildCorrectionsFeedAsync(context.Request, cancellationToken), FeedService.ContentType))
            .WithName("CorrectionsFeed");
        return endpoints;
    }
}
