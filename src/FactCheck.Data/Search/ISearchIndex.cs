namespace FactCheck.Data.Search;

/// <summary>
/// Full-text search over claims, evidence passages and source documents. The one place that holds
/// provider-specific SQL: SQLite's FTS5 today (<see cref="SqliteSearchIndex"/>), PostgreSQL's tsvector later.
/// The application keeps it in sync: <see cref="FactCheckDbContext"/> calls <see cref="UpdateAsync"/>
/// inside the same transaction as every save that touches searchable text.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Re-indexes (or removes, where the row is gone) the given records.</summary>
    Task UpdateAsync(SearchIndexChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Rebuilds the whole index from the tables, after bulk loads that bypass SaveChanges.</summary>
    Task RebuildAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of records of <paramref name="kind"/> matching <paramref name="query"/>, best first, with
    /// highlighted text (see <see cref="SearchHighlight"/>). Claims and evidence honour every condition of
    /// <paramref name="filter"/> (evidence through its claim); documents honour only its source.
    /// </summary>
    Task<SearchResultPage> SearchAsync(SearchKind kind, SearchQuery query, SearchFilter filter, int offset, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims that make the same assertion as claim <paramref name="claimId"/>: those sharing its rarest
    /// words (by document frequency over claims), ranked by bm25, each with the words it shares.
    /// </summary>
    Task<IReadOnlyList<SimilarClaimMatch>> FindSimilarClaimsAsync(int claimId, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims that may make the assertion of <paramref name="text"/>, words not yet a claim (a quote found in a
    /// new document): the same method as <see cref="FindSimilarClaimsAsync"/>, over the text's own words.
    /// </summary>
    Task<IReadOnlyList<SimilarClaimMatch>> FindClaimsLikeAsync(string text, int count, CancellationToken cancellationToken = default);
}

public enum SearchKind
{
    Claims,
    Evidence,
    Documents,
}

/// <summary>The /claims filter conditions, provider-neutral. Dates compare on the start of the claim's reported period.</summary>
public sealed record SearchFilter(
    Verdicts.Rating? Rating = null,
    string? ClaimantSlug = null,
    string? TopicSlug = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int? SourceId = null)
{
    public static SearchFilter None { get; } = new();

    public bool HasClaimConditions => Rating is not null || ClaimantSlug is not null || TopicSlug is not null || From is not null || To is not null || SourceId is not null;
}

/// <param name="Heading">A short field with matches highlighted: the claim's summary, the evidence's organisation, the document's title.</param>
/// <param name="Snippet">The best-matching stretch of the longer text, highlighted.</param>
public sealed record SearchHit(int Id, string Heading, string Snippet);

/// <param name="Total">Matching records, counted up to <see cref="SearchResultPage.CountLimit"/>.</param>
/// <param name="IsTotalCapped">True when there are more than <see cref="SearchResultPage.CountLimit"/> matches.</param>
/// <param name="IsRankedWithinNewest">True when only the newest <see cref="SearchResultPage.CountLimit"/> matches were ranked (a very common term).</param>
public sealed record SearchResultPage(int Total, bool IsTotalCapped, bool IsRankedWithinNewest, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>Counting stops here ("1,000+"); beyond it, ranking covers the newest matches only.</summary>
    public const int CountLimit = 1000;

    public static SearchResultPage Empty { get; } = new(0, false, false, []);
}

/// <param name="SharedTerms">The words of the original claim this one shares, rarest first: the explanation.</param>
/// <param name="Score">The match's bm25 rank as a positive number, higher for a closer match; it orders one search's results and means nothing across searches.</param>
public sealed record SimilarClaimMatch(int ClaimId, IReadOnlyList<string> SharedTerms, double Score = 0);

/// <summary>
/// Highlighted text from the index marks each match with these control characters, which never occur in
/// display text; the web layer HTML-encodes the text first and only then turns them into &lt;mark&gt;.
/// </summary>
public static class SearchHighlight
{
    public const char Start = '\u0002';
    public const char End = '\u0003';
}

/// <summary>Ids of records whose searchable text may have changed.</summary>
public sealed record SearchIndexChanges(IReadOnlySet<int> ClaimIds, IReadOnlySet<int> EvidenceIds, IReadOnlySet<int> SourceIds)
{
    public bool IsEmpty => ClaimIds.Count == 0 && EvidenceIds.Count == 0 && SourceIds.Count == 0;
}
