using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FactCheck.Data.Search;

/// <summary>
/// PostgreSQL's full-text index: tables ClaimSearch, EvidenceSearch and SourceSearch (<see cref="ClaimSearchRow"/>
/// and its siblings, created by the Postgres migrations), each with a stored generated <c>tsvector</c> and a
/// GIN index. This side writes the text in the save's transaction, as <see cref="SqliteSearchIndex"/> does for
/// FTS5; the database derives the vectors.
/// </summary>
public sealed partial class PostgresSearchIndex(FactCheckDbContext db) : ISearchIndex
{
    private static readonly (string Table, string Columns, string Rows, string Alias)[] Tables =
    [
        ("\"ClaimSearch\"", "\"Id\", \"Quote\", \"Summary\", \"Claimant\"", SearchIndexRows.Claims, "c"),
        ("\"EvidenceSearch\"", "\"Id\", \"Exact\", \"Note\", \"Organization\"", SearchIndexRows.Evidence, "e"),
        ("\"SourceSearch\"", "\"Id\", \"Title\", \"Publisher\", \"Text\"", SearchIndexRows.Sources, "s"),
    ];

    public async Task UpdateAsync(SearchIndexChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await ReplaceAsync(Tables[0], changes.ClaimIds, cancellationToken);
        await ReplaceAsync(Tables[1], changes.EvidenceIds, cancellationToken);
        await ReplaceAsync(Tables[2], changes.SourceIds, cancellationToken);
    }

    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (table, columns, rows, _) in Tables)
        {
#pragma warning disable EF1002 // Table and column names are constants of this class, not input.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}", cancellationToken);
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table} ({columns}) {rows}", cancellationToken);
#pragma warning restore EF1002
        }
    }

    private async Task ReplaceAsync((string Table, string Columns, string Rows, string Alias) target, IReadOnlySet<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        // One array parameter, whatever the count: PostgreSQL has no small host-parameter limit to chunk for.
        var (table, columns, rows, alias) = target;
        var idArray = ids.ToArray();
#pragma warning disable EF1002 // Only constants of this class are interpolated; the ids are a bound parameter.
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table} WHERE \"Id\" = ANY(@ids)", [new NpgsqlParameter("ids", idArray)], cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {table} ({columns}) {rows} AND {alias}.\"Id\" = ANY(@ids)", [new NpgsqlParameter("ids", idArray)], cancellationToken);
#pragma warning restore EF1002
    }
}
