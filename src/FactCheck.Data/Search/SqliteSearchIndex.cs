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
    // Parameter lists are built from ints only, never from user text.
    // Published claims only, and only their evidence: a retracted or merged claim must not be found by
    // search or offered as a similar claim (the EF model's "Published" filter, in SQL).
    private const string ClaimRows = """
        SELECT c."Id", c."Quote", c."Summary", p."Name" FROM "Claims" c JOIN "Claimants" p ON p."Id" = c."ClaimantId"
        WHERE c."RetractedAtUtc" IS NULL AND c."MergedIntoId" IS NULL
        """;

    private const string EvidenceRows = """
        SELECT e."Id", g."Exact", e."Note", e."Organization" FROM "Evidence" e JOIN "Passages" g ON g."Id" = e."PassageId"
        JOIN "Claims" ec ON ec."Id" = e."ClaimId"
        WHERE ec."RetractedAtUtc" IS NULL AND ec."MergedIntoId" IS NULL
        """;

    private const string SourceRows = """
        SELECT s."Id", s."Title", s."Publisher", s."Text" FROM "Sources" s WHERE TRUE
        """;

    public async Task UpdateAsync(SearchIndexChanges changes, CancellationToken cancellationToken = default)
    {
        await ReplaceAsync("ClaimSearch", "Quote, Summary, Claimant", ClaimRows, "c", changes.ClaimIds, cancellationToken);
        await ReplaceAsync("EvidenceSearch", "Exact, Note, Organization", EvidenceRows, "e", changes.EvidenceIds, cancellationToken);
        await ReplaceAsync("SourceSearch", "Title, Publisher, Text", SourceRows, "s", changes.SourceIds, cancellationToken);
    }

    public async Task RebuildAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (table, columns, rows) in new[]
        {
            ("ClaimSearch", "Quote, Summary, Claimant", ClaimRows),
            ("EvidenceSearch", "Exact, Note, Organization", EvidenceRows),
            ("SourceSearch", "Title, Publisher, Text", SourceRows),
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
