using System.Globalization;
using System.Text;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Features.Search;
using Microsoft.Extensions.Primitives;

namespace FactCheck.Web.Caching;

/// <summary>
/// The query parameters one kind of page reads, in one list that the page and the output cache both go
/// through: the page's service sees the query only through <see cref="Read"/>, and
/// <see cref="OutputCacheReaderPolicy"/> keys the page's cache entry by <see cref="CacheKey"/> of the same
/// list. Anything else in a link (fbclid, utm_source, a random string) can then neither change the page nor
/// split the cache, and a key added to a page's parsing without adding it here simply has no effect.
/// </summary>
public sealed class PageQuery
{
    public const string PageKey = "page";

    /// <summary>Claim, document, claimant and topic list pages, the home page and the feed: the query changes nothing.</summary>
    public static readonly PageQuery None = new();

    /// <summary>A topic's timeline: which part of it.</summary>
    public static readonly PageQuery Timeline = new(PageKey);

    /// <summary>The corrections log: which page of it.</summary>
    public static readonly PageQuery Corrections = new(PageKey);

    /// <summary>/claims: the filter, its sort and the page.</summary>
    public static readonly PageQuery ClaimList = new([.. ClaimFilter.QueryKeys]);

    /// <summary>/search: the text, the kind of result shown, and the claim list's filters and page.</summary>
    public static readonly PageQuery Search = new([SearchService.TextKey, SearchService.KindKey, .. ClaimFilter.QueryKeys]);

    /// <summary>A public API list: which page, how long.</summary>
    public static readonly PageQuery ApiList = new(PageKey, Features.Api.ApiPaging.PageSizeKey);

    /// <summary>/api/claims: the /claims filter, the page and its length.</summary>
    public static readonly PageQuery ApiClaims = new([.. ClaimFilter.QueryKeys, Features.Api.ApiPaging.PageSizeKey]);

    /// <summary>/api/search: the text, the kind, the page and its length.</summary>
    public static readonly PageQuery ApiSearch = new(SearchService.TextKey, SearchService.KindKey, PageKey, Features.Api.ApiPaging.PageSizeKey);

    private readonly string[] _keys;

    private PageQuery(params string[] keys) => _keys = keys;

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The request's query narrowed to this page's keys: what the page's service parses.</summary>
    public IQueryCollection Read(IQueryCollection query)
    {
        var read = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in _keys)
        {
            if (query.TryGetValue(key, out var values))
            {
                read[key] = values;
            }
        }

        return read.Count == 0 ? QueryCollection.Empty : new QueryCollection(read);
    }

    /// <summary>
    /// Exactly what <see cref="Read"/> passes on, as text for the cache key, so that two requests share an
    /// entry only when the page would see the same input. The framework's own QueryKeys rule sorts repeated
    /// values, so ?q=a&amp;q=b and ?q=b&amp;q=a, which the page reads as "a,b" and "b,a", would share one
    /// entry; this keeps every value in request order, tells "?q=" from no q at all, and prefixes each value
    /// with its length so that no value can pass for two. Key case needs nothing: the query collection
    /// merges "PAGE" and "page" for the page and for this alike.
    /// </summary>
    public string CacheKey(IQueryCollection query)
    {
        var key = new StringBuilder();
        foreach (var name in _keys)
        {
            if (query.TryGetValue(name, out var values))
            {
                key.Append(name).Append('[').Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
                foreach (var value in values)
                {
                    var text = value ?? string.Empty;
                    key.Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                }

                key.Append(';');
            }
        }

        return key.ToString();
    }
}
