using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Search;
using FactCheck.Web.Caching;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Search;

/// <summary>
/// The /search page: parses the reader's query, asks the index for each kind of record, then loads what
/// the results show in one query per kind (never one per result).
/// </summary>
public sealed class SearchService(FactCheckDbContext db)
{
    public const int OverviewSize = 5;
    public const int PageSize = 20;

    public const string TextKey = "q";
    public const string KindKey = "kind";

    /// <param name="request">The request's query string; only <see cref="PageQuery.Search"/>'s keys are read.</param>
    public async Task<SearchPageModel> SearchAsync(IQueryCollection request, CancellationToken cancellationToken = default)
    {
        var queryString = PageQuery.Search.Read(request);
        var filter = ClaimFilter.Parse(queryString);
        string? queryText = queryString.TryGetValue(TextKey, out var q) ? q.ToString() : null;
        string? kindText = queryString.TryGetValue(KindKey, out var k) ? k.ToString() : null;
        var options = await ClaimFilterOptions.LoadAsync(db, queryString, filter, cancellationToken);
        var text = queryText?.Trim() ?? string.Empty;
        var kind = SearchKinds.Parse(kindText);
        if (text.Length == 0)
        {
            // The page opened with no query is the empty form, not an error.
            return new SearchPageModel(string.Empty, queryText is null ? null : SearchQuery.EmptyMessage, filter, kind, [], options);
        }

        // Very long input is not echoed back whole into the box.
        var shown = text.Length > SearchQuery.MaxLength * 2 ? text[..(SearchQuery.MaxLength * 2)] : text;
        var parsed = SearchQuery.Parse(text);
        if (parsed.Query is not { } query)
        {
            return new SearchPageModel(shown, parsed.Error, filter, kind, [], options);
        }

        var searchFilter = filter.ToSearchFilter();
        var sections = new List<SearchSectionView>();
        foreach (var sectionKind in new[] { SearchKind.Claims, SearchKind.Evidence, SearchKind.Documents })
        {
            var isOpen = kind is null || kind == sectionKind;
            var size = kind is null ? OverviewSize : PageSize;
            var page = kind == sectionKind ? filter.Page : 1;
            var results = await db.SearchIndex.SearchAsync(sectionKind, query, searchFilter, isOpen ? (page - 1) * size : 0, isOpen ? size : 1, cancellationToken);
            if (isOpen && page > 1 && results.Hits.Count == 0 && results.Total > 0)
            {
                // A shared link to a page past the end shows the last page rather than nothing.
                page = (int)Math.Ceiling(results.Total / (double)size);
                results = await db.SearchIndex.SearchAsync(sectionKind, query, searchFilter, (page - 1) * size, size, cancellationToken);
            }

            var views = isOpen ? await ViewsAsync(sectionKind, results.Hits, cancellationToken) : [];
            sections.Add(Section(sectionKind, kind, text, filter, results, views, page, size));
        }

        return new SearchPageModel(shown, null, filter, kind, sections, options);
    }

    private static SearchSectionView Section(SearchKind sectionKind, SearchKind? openKind, string text, ClaimFilter filter, SearchResultPage results, IReadOnlyList<SearchResultView> views, int page, int size)
    {
        string Url(SearchKind? k, int p) =>
            filter.ToQueryString("/search", new Dictionary<string, string?> { [TextKey] = text, [KindKey] = k is { } x ? SearchKinds.Slug(x) : null }, p);

        var pageCount = Math.Max(1, (int)Math.Ceiling(results.Total / (double)size));
        var paged = openKind == sectionKind;
        return new SearchSectionView(
            sectionKind,
            SearchKinds.Title(sectionKind),
            "results-" + SearchKinds.Slug(sectionKind),
            results.Total,
            results.IsTotalCapped ? results.Total.ToString("N0", CultureInfo.InvariantCulture) + "+" : results.Total.ToString("N0", CultureInfo.InvariantCulture),
            results.IsRankedWithinNewest,
            views,
            Url(sectionKind, 1),
            openKind is null && results.Total > views.Count ? Url(sectionKind, 1) : null,
            page,
            pageCount,
            paged && page > 1 ? Url(sectionKind, page - 1) : null,
            paged && page < pageCount ? Url(sectionKind, page + 1) : null);
    }

    private async Task<IReadOnlyList<SearchResultView>> ViewsAsync(SearchKind kind, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var ids = hits.Select(h => h.Id).ToList();
        var views = new List<SearchResultView>();
        switch (kind)
        {
            case SearchKind.Claims:
            {
                var claims = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
                    .Select(c => new { c.Id, c.Slug, c.Summary, ClaimantName = c.Claimant.Name, c.SaidOn, c.CurrentRating })
                    .ToDictionaryAsync(c => c.Id, cancellationToken);
                foreach (var hit in hits)
                {
                    // A record deleted between the index read and this one is simply left out.
                    if (claims.TryGetValue(hit.Id, out var c))
                    {
                        var url = SiteUrls.Claim(c.Id, c.Slug);
                        views.Add(new SearchResultView(url, SearchSnippets.ToHtml(hit.Heading), SearchSnippets.ToHtml(hit.Snippet),
                            $"{c.ClaimantName}, {c.SaidOn.ToDisplayString()}", new SearchResultClaim(c.Summary, url, c.CurrentRating, IsSelf: true)));
                    }
                }

                break;
            }

            case SearchKind.Evidence:
            {
                var evidence = await db.Evidence.AsNoTracking().Where(e => ids.Contains(e.Id))
                    .Select(e => new
                    {
                        e.Id,
                        e.Stance,
                        e.FoundOn,
                        e.PassageId,
                        e.Passage.SourceId,
                        SourceSlug = e.Passage.Source.Slug,
                        SourceTitle = e.Passage.Source.Title,
                        e.ClaimId,
                        ClaimSlug = e.Claim.Slug,
                        ClaimSummary = e.Claim.Summary,
                    })
                    .ToDictionaryAsync(e => e.Id, cancellationToken);
                foreach (var hit in hits)
                {
                    if (evidence.TryGetValue(hit.Id, out var e))
                    {
                        views.Add(new SearchResultView(
                            SiteUrls.Passage(e.SourceId, e.SourceSlug, e.PassageId),
                            SearchSnippets.ToHtml(hit.Heading),
                            SearchSnippets.ToHtml(hit.Snippet),
                            // The heading already names the organisation; the stance goes with the claim below.
                            $"{e.FoundOn.ToDisplayString()}, in {e.SourceTitle}",
                            new SearchResultClaim(e.ClaimSummary, SiteUrls.Claim(e.ClaimId, e.ClaimSlug), null, IsSelf: false, e.Stance)));
                    }
                }

                break;
            }

            default:
            {
                var sources = await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id))
                    .Select(s => new { s.Id, s.Slug, s.Publisher, s.PublishedOn })
                    .ToDictionaryAsync(s => s.Id, cancellationToken);
                foreach (var hit in hits)
                {
                    if (sources.TryGetValue(hit.Id, out var s))
                    {
                        views.Add(new SearchResultView(SiteUrls.Source(s.Id, s.Slug), SearchSnippets.ToHtml(hit.Heading), SearchSnippets.ToHtml(hit.Snippet),
                            $"{s.Publisher}, {s.PublishedOn.ToDisplayString()}", null));
                    }
                }

                break;
            }
        }

        return views;
    }
}
