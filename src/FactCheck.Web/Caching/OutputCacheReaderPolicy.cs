using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace FactCheck.Web.Caching;

/// <summary>
/// Which responses the output cache may keep: anonymous GET/HEAD requests for the reader's pages only
/// (home, claims, sources, claimants, topics, search, corrections, feeds), answered 200 without a cookie. An allowlist of
/// paths rather than "every page" so that a page added later (an editor's desk, a form) is not cached until
/// someone decides it may be. Each entry is tagged so that writes can evict it (see <see cref="OutputCacheEviction"/>):
/// "reader" on everything, claim-{id} and source-{id} on those pages, "lists" on pages that list many claims.
/// Each entry varies only by the query parameters its page reads (<see cref="PageQuery"/>), so a share link's
/// fbclid or utm_source is served from the cache instead of costing a render.
/// </summary>
public sealed class OutputCacheReaderPolicy(TimeSpan expiry) : IOutputCachePolicy
{
    public const string Name = "reader";
    public const string AllTag = "reader";
    public const string ListsTag = "lists";

    private const string GenerationKey = "FactCheck.OutputCacheGeneration";
    private const string QueryVaryKey = "query";

    public static string ClaimTag(int id) => string.Create(CultureInfo.InvariantCulture, $"claim-{id}");

    public static string SourceTag(int id) => string.Create(CultureInfo.InvariantCulture, $"source-{id}");

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (EntryFor(context.HttpContext) is not { } entry)
        {
            return ValueTask.CompletedTask;
        }

        var (tags, query) = entry;

        var queryKey = query.CacheKey(context.HttpContext.Request.Query);
        if (HasKeyDelimiters(context.HttpContext.Request.Path.Value) || HasKeyDelimiters(queryKey))
        {
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.HttpContext.Items[GenerationKey] = Generation(context.HttpContext).Current;
        context.AllowCacheStorage = true;

        // Concurrent misses for one page wait for a single render instead of all hitting the database.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = expiry;

        // Filters and paging live in the query string: ?rating=misleading&page=2 is its own page; anything
        // the page does not read is left out, so ?fbclid=... shares the entry of the plain URL.
        if (queryKey.Length > 0)
        {
            context.CacheVaryByRules.VaryByValues[QueryVaryKey] = queryKey;
        }

        context.Tags.Add(AllTag);
        foreach (var tag in tags)
        {
            context.Tags.Add(tag);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;

        // Only complete pages: not redirects, not 404s, not anything that sets a cookie (it would be sent to everyone).
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        // A save evicted pages while this one rendered: it may show rows from before the commit.
        if (context.HttpContext.Items[GenerationKey] is long started && started != Generation(context.HttpContext).Current)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static OutputCacheGeneration Generation(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<OutputCacheGeneration>();

    /// <summary>
    /// The tags and the query parameters of a cacheable request's page, or null when the response must not be
    /// cached. The query lists are the ones the pages' services read through: /claims, /search and topic
    /// timelines read theirs, every other page none.
    /// </summary>
    internal static (IReadOnlyList<string> Tags, PageQuery Query)? EntryFor(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Headers.Authorization.Count > 0
            || httpContext.User.Identity?.IsAuthenticated == true
            || HasSignInCookie(request))
        {
            return null;
        }

        var segments = (request.Path.Value ?? "/").Trim('/').Split('/');
        return segments switch
        {
            [""] or ["claimants"] or ["topics"] => ([ListsTag], PageQuery.None),
            ["claims"] => ([ListsTag], PageQuery.ClaimList),
            ["search"] => ([ListsTag], PageQuery.Search),
            ["claims", _] or ["claims", _, _] when TryId(segments[1], out var claim) => ([ClaimTag(claim)], PageQuery.None),

            // A version's content never changes, but its banner says whether it is current: evicted with its claim.
            ["claims", _, _, "v", _] when TryId(segments[1], out var versioned) => ([ClaimTag(versioned)], PageQuery.None),
            ["sources", _] or ["sources", _, _] when TryId(segments[1], out var source) => ([SourceTag(source)], PageQuery.None),
            ["topics", _] => ([ListsTag], PageQuery.Timeline),
            ["corrections"] => ([ListsTag], PageQuery.Corrections),
            ["claimants", _] or ["feeds", _] => ([ListsTag], PageQuery.None),

            // A sitemap file reads up to 50,000 rows; crawlers fetch them often and any save may change them.
            ["robots.txt"] or ["sitemap.xml"] or ["sitemaps", _] => ([ListsTag], PageQuery.None),

            // The public API, tagged like the pages that show the same rows, so a save evicts both at once.
            ["api", "claims"] => ([ListsTag], PageQuery.ApiClaims),
            ["api", "claims", _] when TryId(segments[2], out var apiClaim) => ([ClaimTag(apiClaim)], PageQuery.None),
            ["api", "sources", _] or ["api", "sources", _, "text"] when TryId(segments[2], out var apiSource) => ([SourceTag(apiSource)], PageQuery.None),
            ["api", "search"] => ([ListsTag], PageQuery.ApiSearch),
            ["api", "claimants" or "sources" or "verdicts"] => ([ListsTag], PageQuery.ApiList),
            ["api", "claimants" or "evidence" or "verdicts", _] or ["api", "docs"] => ([ListsTag], PageQuery.None),
            _ => null,
        };
    }

    // The framework builds no key for a path or value holding its own separators, and then coalesces every
    // such request under the one empty key, so two different pages could share a render: those are not cached.
    private static bool HasKeyDelimiters(string? text) => text is not null && text.AsSpan().IndexOfAny('\x1e', '\x1f') >= 0;

    // A sign-in cookie marks a reader as somebody even before any authentication middleware exists to say so.
    internal static bool HasSignInCookie(HttpRequest request)
    {
        foreach (var name in request.Cookies.Keys)
        {
            if (name.StartsWith(".AspNetCore.", StringComparison.Ordinal) && !name.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
