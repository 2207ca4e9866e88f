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

        if (httpContext is { Response.HasStarted: false })
        {
            httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            httpContext.Response.Headers.Location = canonicalUrl;
        }
        else
        {
            navigation.NavigateTo(canonicalUrl, replace: true);
        }

        return true;
    }
}
