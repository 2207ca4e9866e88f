using FactCheck.Web.Site;


namespace FactCheck.Web.Features.Feeds;

public static class FeedEndpoints
{
    /// <summary>Every current ClaimReview as a schema.org DataFeed (Google's ClaimReview data feed).</summary>
    public const string ClaimReviewFeed = "/feeds/claimreview.jsonld";

    /// <summary>The same reviews as Fact Check Tools ClaimReviewMarkupPage resources, one per claim page.</summary>
    public const string ClaimReviewMarkupFeed = "/feeds/claimreview-markup.json";

    /// <summary>Maps /feeds/verdicts.atom and /feeds/corrections.atom: Atom 1.0 documents, not a page, so a minimal API rather than a component.</summary>
    public static IEndpointRouteBuilder MapFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SiteUrls.VerdictsFeed, async (HttpContext context, FeedService feeds, CancellationToken cancellationToken) =>
            Results.Bytes(await feeds.BuildVerdictsFeedAsync(context.Request, cancellationToken), FeedService.ContentType))
            .WithName("VerdictsFeed");
        endpoints.MapGet(SiteUrls.CorrectionsFeed, async (HttpContext context, FeedService feeds, CancellationToken cancellationToken) =>
            Results.Bytes(await feeds.BuildCorrectionsFeedAsync(context.Request, cancellationToken), FeedService.ContentType))
            .WithName("CorrectionsFeed");

        // Services made per request here rather than registered: the feeds need nothing but the context and
        // the site's settings, and this keeps the feature in its own folder.
        endpoints.MapGet(ClaimReviewFeed, async (HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!await FeedValidators.AnswerNotModifiedAsync(context, cancellationToken))
            {
                await ActivatorUtilities.CreateInstance<ClaimReviewFeedService>(context.RequestServices).WriteDataFeedAsync(context.Response, cancellationToken);
            }
        })
            .WithName("ClaimReviewFeed");
        endpoints.MapGet(ClaimReviewMarkupFeed, async (HttpContext context, CancellationToken cancellationToken) =>
        {
            if (!await FeedValidators.AnswerNotModifiedAsync(context, cancellationToken))
            {
                await ActivatorUtilities.CreateInstance<ClaimReviewFeedService>(context.RequestServices).WriteMarkupPagesAsync(context.Response, cancellationToken);
            }
        })
            .WithName("ClaimReviewMarkupFeed");
        return endpoints;
    }
}
