using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>One stored revision of a verdict, read straight from the database (not through the site under test).</summary>
public sealed record StoredRevision(long Id, int VerdictId, int Number, string Snapshot);

/// <summary>
/// The database a proof run writes to, on either provider: the site's arguments for it, its own integrity checks,
/// and the verdict revisions read directly, so the check of "every acknowledged write is there" does not depend on
/// the application it is checking.
/// </summary>
public abstract class ProofStore
{
    public abstract string Name { get; }

    /// <summary>The site's and the commands' arguments that point them at this database.</summary>
    public abstract IReadOnlyList<string> SiteArguments { get; }

    /// <summary>What the provider's own checks report; empty when the database is sound.</summary>
    public abstract Task<List<string>> IntegrityProblemsAsync();

    public async Task<List<StoredRevision>> VerdictRevisionsAsync(long afterId = 0)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id", "EntityId", "Number", "Snapshot" FROM "Revisions" WHERE "EntityType" = 'Verdict' AND "Id" > @after ORDER BY "Id" """;
        var after = command.CreateParameter();
        after.ParameterName = "after";
        after.Value = afterId;
        command.Parameters.Add(after);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRevision>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRevision(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }

    protected abstract DbConnection Open();
}

public sealed class SqliteProofStore(string path) : ProofStore
{
    public override string Name => "SQLite";

    public override IReadOnlyList<string> SiteArguments => ["--Database:Provider=Sqlite", $"--ConnectionStrings:FactCheck=Data Source={path}"];

    public override Task<List<string>> IntegrityProblemsAsync()
    {
        // CrashHarness.Inspect runs PRAGMA integrity_check and every FTS5 index's integrity-check.
        SqliteConnection.ClearAllPools();
        var state = CrashHarness.Inspect(path);
        return Task.FromResult(state.Problems);
    }

    protected override DbConnection Open() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 60 }.ToString());
}

public sealed class PostgresProofStore(string connectionString) : ProofStore
{
    public override string Name => "PostgreSQL";

    public override IReadOnlyList<string> SiteArguments => ["--Database:Provider=Postgres", $"--ConnectionStrings:FactCheck={connectionString}"];

    /// <summary>
    /// amcheck over the whole database: bt_index_check with heapallindexed (every heap tuple is in the index) on every
    /// B-tree index, system catalogs included, and verify_heapam on every table.
    /// </summary>
    public override async Task<List<string>> IntegrityProblemsAsync()
    {
        var problems = new List<string>();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS amcheck", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var indexes = await NamesAsync(connection, """
            SELECT c.oid::regclass::text FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'btree' AND c.relpersistence <> 't' AND i.indisready AND i.indisvalid
            """);
        foreach (var index in indexes)
        {
            await CheckAsync(connection, $"SELECT bt_index_check('{index.Replace("'", "''", StringComparison.Ordinal)}'::regclass, true)", $"bt_index_check {index}", problems);
        }

        var tables = await NamesAsync(connection, "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind IN ('r', 'm', 't') AND c.relpersistence <> 't'");
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT blkno, offnum, msg FROM verify_heapam('{table.Replace("'", "''", StringComparison.Ordinal)}'::regclass)", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                problems.Add($"verify_heapam {table}: block {reader.GetValue(0)} offset {reader.GetValue(1)}: {reader.GetValue(2)}");
            }
        }

        if (problems.Count == 0 && indexes.Count == 0)
        {
            problems.Add("amcheck found no B-tree index to check");
        }

        return problems;
    }

    protected override DbConnection Open() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

#pragma warning disable CA2100 // Relation names come from pg_class of the run's own database.
    private static async Task CheckAsync(NpgsqlConnection connection, string sql, string what, List<string> problems)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e)
        {
            problems.Add($"{what}: {e.MessageText}");
        }
    }
#pragma warning restore CA2100
}
