using FactCheck.Data;
using FactCheck.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>Browse settings from configuration (Browse:PageSize); the default suits readers, tests use a smaller size.</summary>
public sealed record BrowseOptions(int PageSize)
{
    public const int DefaultPageSize = 20;

    public static BrowseOptions FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetValue<int?>("Browse:PageSize") is { } size and >= 1 and <= 200 ? size : DefaultPageSize);
}

/// <summary>
/// /claims: one page of filtered claims in a fixed number of queries (count, page, the claimant and topic
/// lists for the form, and the source's title when filtering by source), whatever the page size.
/// </summary>
public sealed class ClaimBrowseService(FactCheckDbContext db, BrowseOptions options)
{
    /// <param name="request">The request's query string; only <see cref="PageQuery.ClaimList"/>'s keys are read.</param>
    public async Task<ClaimBrowseModel> GetAsync(IQueryCollection request, CancellationToken cancellationToken = default)
    {
        var query = PageQuery.ClaimList.Read(request);
        var filter = ClaimFilter.Parse(query);
        var pageSize = options.PageSize;
        var filtered = filter.Apply(db.Claims.AsNoTracking(), db);
        var total = await filtered.CountAsync(cancellationToken);

        var rows = total == 0 || (long)(filter.Page - 1) * pageSize >= total
            ? []
            : await filter.Order(filtered)
                .Skip((filter.Page - 1) * pageSize)
                .Take(pageSize)
                .ToListItemsAsync(cancellationToken);

        var filterOptions = await ClaimFilterOptions.LoadAsync(db, query, filter, cancellationToken);

        return new ClaimBrowseModel(
            filter,
            pageSize,
            total,
            rows,
            filterOptions);
    }
}
