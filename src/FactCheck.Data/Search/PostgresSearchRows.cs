using NpgsqlTypes;

namespace FactCheck.Data.Search;

// The rows of PostgreSQL's full-text index, one table per kind of record as in SQLite's FTS5 index, each
// row's Id the record's id. The application writes the text (PostgresSearchIndex.UpdateAsync, in the save's
// transaction); the database keeps SearchVector, a stored generated column, and its GIN index.

public sealed class ClaimSearchRow
{
    public int Id { get; set; }

    public string? Quote { get; set; }

    public string? Summary { get; set; }

    public string? Claimant { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

public sealed class EvidenceSearchRow
{
    public int Id { get; set; }

    public string? Exact { get; set; }

    public string? Note { get; set; }

    public string? Organization { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

public sealed class SourceSearchRow
{
    public int Id { get; set; }

    public string? Title { get; set; }

    public string? Publisher { get; set; }

    public string? Text { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;
}
