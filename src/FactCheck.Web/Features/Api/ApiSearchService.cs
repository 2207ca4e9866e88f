using FactCheck.Data;
using FactCheck.Data.Search;
using FactCheck.Web.Features.Search;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// /api/search: the site's full-text index (the same query language and messages as /search), one kind of
/// record a page, then one query to load the hits' addresses.
/// </summary>
public sealed class ApiSearchService(FactCheckDbContext db)
{
    public async Task<SearchResultPage> SearchAsync(SearchKind kind, SearchQuery query, ApiPaging paging, CancellationToken cancellationToken) =>
        paging.Offset is { } offset
            ? await db.SearchIndex.SearchAsync(kind, query, SearchFilter.None, offset, paging.PageSize, cancellationToken)
            : SearchResultPage.Empty;

    public async Task<IReadOnlyList<ApiSearchResult>> ResultsAsync(SearchKind kind, IReadOnlyList<SearchHit> hits, ApiLinks links, CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var ids = hits.Select(h => h.Id).ToList();
        var kindName = SearchKinds.Slug(kind);
        Dictionary<int, (string Url, string ApiUrl)> addresses = kind switch
        {
            SearchKind.Claims => (await ApiRows.Visible(db.Claims.AsNoTracking()).Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Slug }).ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => (SiteUrls.Claim(c.Id, c.Slug), ApiLinks.ClaimPath(c.Id))),
            SearchKind.Evidence => (await db.Evidence.AsNoTracking()
                    .Where(e => ids.Contains(e.Id) && e.Claim.RetractedAtUtc == null && e.Claim.MergedIntoId == null)
                    .Select(e => new { e.Id, e.PassageId, e.Passage.SourceId, SourceSlug = e.Passage.Source.Slug })
                    .ToListAsync(cancellationToken))
                .ToDictionary(e => e.Id, e => (SiteUrls.Passage(e.SourceId, e.SourceSlug, e.PassageId), ApiLinks.EvidencePath(e.Id))),
            _ => (await db.Sources.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Slug }).ToListAsync(cancellationToken))
                .ToDictionary(s => s.Id, s => (SiteUrls.Source(s.Id, s.Slug), ApiLinks.SourcePath(s.Id))),
        };

        // A record withdrawn or deleted between the index read and this one is left out.
        return hits.Where(h => addresses.ContainsKey(h.Id))
            .Select(h => new ApiSearchResult(kindName, h.Id, ApiLinks.PlainText(h.Heading), ApiLinks.PlainText(h.Snippet), links.Absolute(addresses[h.Id].Url), links.Absolute(addresses[h.Id].ApiUrl)))
            .ToList();
    }
}
