using Microsoft.AspNetCore.Components;

namespace FactCheck.Web.Site;

/// <summary>Permanent redirects from any other spelling of a page's URL to its canonical one.</summary>
public static class CanonicalUrls
{
    /// <summary>
    /// Sends a 301 to <paramref name="canonicalUrl"/> when the requested slug is missing or different, and
    /// says whether it did (the page then renders nothing). During static rendering the response is
    /// written directly: NavigationManager would answer with a temporary 302. The query string is not
    /// carried over: the pages that redirect (claims, documents) read none, so the canonical address is the
    /// whole address, and a tracking parameter is not echoed back to the reader.
    /// </summary>
    public static bool RedirectIfNotCanonical(HttpContext? httpContext, NavigationManager navigation, string? requestedSlug, string canonicalSlug, string canonicalUrl)
    {
        if (string.Equals(requestedSlug, canonicalSlug, StringComparison.Ordinal))
        {
            return false;
        }

        RedirectPermanently(httpContext, navigation, canonicalUrl);
        return true;
    }

    /// <summary>A 301 to <paramref name="url"/> whatever was asked for: a merged claim's id sends readers to the survivor.</summary>
    public static void RedirectPermanently(HttpContext? httpContext, NavigationManager navigation, string url)
    {
        if (httpContext is { Response.HasStarted: false })
        {
            httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            httpContext.Response.Headers.Location = url;
        }
        else
        {
            navigation.NavigateTo(url, replace: true);
        }
    }
}
