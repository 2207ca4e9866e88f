using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Search;

/// <summary>
/// SQLite FTS5 tables, one per kind of record, each row's rowid the record's id:
/// ClaimSearch(Quote, Summary, Claimant), EvidenceSearch(Exact, Note, Organization), SourceSearch(Title, Publisher, Text).
/// Created by the AddSearchAndCurrentRating migration. Separate tables keep a common term in 500,000 passages
/// from slowing a search of 100,000 claims, and let each kind rank on its own columns.
/// </summary>
public sealed partial class SqliteSearchIndex(FactCheckDbContext db) : ISearchIndex
{
    public async Task UpdateAsync(SearchIndexChanges changes, CancellationToken cancellationToken = default)
    {
        await ReplaceAsync("ClaimSearch", "Quote, Summary, Claimant", SearchIndexRows.Claims, "c", changes.ClaimIds, cancellationToken);
        await ReplaceAsync("EvidenceSearch", "Exact, Note, Organization", SearchIndexRows.Evidence, "e", changes.EvidenceIds, cancellationToken);
        await ReplaceAsync("SourceSearch", "Title, Publisher, Text", SearchIndexRows.Sources, "s", changes.SourceIds, cancellationToken);
    }

    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (table, columns, rows) in new[]
        {
            ("ClaimSearch", "Quote, Summary, Claimant", SearchIndexRows.Claims),
            ("EvidenceSearch", "Exact, Note, Organization", SearchIndexRows.Evidence),
            ("SourceSearch", "Title, Publisher, Text", SearchIndexRows.Sources),
        })
        {
#pragma warning disable EF1002 // Table and column names are constants of this class, not input.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}", cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table}(rowid, {columns}) {rows}", cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table}({table}) VALUES('optimize')", cancellationToken);
#pragma warning restore EF1002
        }
    }

    /// <param name="rows">A SELECT of the rows to index that ends in a WHERE clause, so a condition on ids can follow.</param>
    private async Task ReplaceAsync(string table, string columns, string rows, string alias, IReadOnlySet<int> ids, CancellationToken cancellationToken)
    {
        // Chunked to stay under SQLite's host-parameter limit; ids are ints, so they are inlined safely.
        foreach (var chunk in ids.Chunk(500))
        {
            var list = string.Join(',', chunk);
#pragma warning disable EF1002 // Only constants of this class and integers are interpolated.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table} WHERE rowid IN ({list})", cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table}(rowid, {columns}) {rows} AND {alias}.\"Id\" IN ({list})", cancellationToken);
#pragma warning restore EF1002
        }
    }
}
