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
}

/// <summary>Ids of records whose searchable text may have changed.</summary>
public sealed record SearchIndexChanges(IReadOnlySet<int> ClaimIds, IReadOnlySet<int> EvidenceIds, IReadOnlySet<int> SourceIds)
{
    public bool IsEmpty => ClaimIds.Count == 0 && EvidenceIds.Count == 0 && SourceIds.Count == 0;
}
