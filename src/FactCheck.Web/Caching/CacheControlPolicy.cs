namespace FactCheck.Web.Caching;

/// <summary>
/// What browsers and shared caches may keep of a response, as its Cache-Control. Reader pages that the output
/// cache would keep (anonymous GET or HEAD, no cookie set) may be kept by anyone for a minute: a shared cache
/// cannot be told when a verdict changes, as the output cache is, so its copy must go stale soon. Everything
/// else (errors, other methods, anything for a signed-in user) is not stored at all.
/// </summary>
public static class CacheControlPolicy
{
    public const string ReaderPage = "public, max-age=60";
    public const string NoStore = "no-store";

    /// <summary>The value for a response that is about to start.</summary>
    public static string For(HttpContext context)
    {
        var response = context.Response;
        var storable = response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status301MovedPermanently or StatusCodes.Status304NotModified
            && response.Headers.SetCookie.Count == 0
            && OutputCacheReaderPolicy.EntryFor(context) is not null;
        return storable ? ReaderPage : NoStore;
    }
}
