namespace FactCheck.Data.Search;

/// <summary>The read side of PostgreSQL's index: tsquery from <see cref="SearchQuery"/>, ts_rank_cd and ts_headline.</summary>
public sealed partial class PostgresSearchIndex
{
    public Task<SearchResultPage> SearchAsync(SearchKind kind, SearchQuery query, SearchFilter filter, int offset, int limit, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("PostgreSQL search: in progress (issue 10).");

    public Task<IReadOnlyList<SimilarClaimMatch>> FindSimilarClaimsAsync(int claimId, int count, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("PostgreSQL similar claims: in progress (issue 10).");

    public Task<IReadOnlyList<SimilarClaimMatch>> FindClaimsLikeAsync(string text, int count, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("PostgreSQL similar claims: in progress (issue 10).");
}
