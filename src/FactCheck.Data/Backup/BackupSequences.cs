using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Backup;

/// <summary>
/// The next-id counters, so a restored database never hands out an id a deleted row had (ids are in permalinks).
/// SQLite keeps them in sqlite_sequence (AUTOINCREMENT tables), which may be ahead of the highest id left; inserting
/// explicit ids moves it only up to that highest id, so the saved value is put back after the rows. PostgreSQL keeps one
/// sequence per identity column, which explicit ids do not move at all: each is set to the saved value or the highest
/// id restored, whichever is greater, or the next insert would fail on a duplicate key. The file names them by table
/// on both providers, so a backup made on one restores on the other.
/// </summary>
internal static class BackupSequences
{
    public static async Task<IReadOnlyList<KeyValuePair<string, long>>> ReadAsync(FactCheckDbContext db, IReadOnlyList<BackupTable> tables, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await ReadPostgresAsync(tables, transaction, cancellationToken);
        }

        if (!db.Database.IsSqlite() || !await SqliteSequenceExistsAsync(transaction, cancellationToken))
        {
            return [];
        }

        var names = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var sequences = new List<KeyValuePair<string, long>>();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, seq FROM sqlite_sequence ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (names.Contains(name))
            {
                sequences.Add(new(name, reader.GetInt64(1)));
            }
        }

        return sequences;
    }

    /// <summary>Puts the counters back after a restore's explicit-id inserts.</summary>
    public static async Task RestoreAsync(FactCheckDbContext db, IReadOnlyCollection<BackupTable> tables, IReadOnlyDictionary<string, long> sequences, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await RestorePostgresAsync(tables, sequences, transaction, cancellationToken);
            return;
        }

        if (!db.Database.IsSqlite())
        {
            throw new BackupException($"Restoring id sequences is not implemented for {db.Database.ProviderName}.");
        }

        foreach (var (table, value) in sequences)
        {
            // Only ever forward: the rows just inserted already moved it to their highest id.
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE sqlite_sequence SET seq = $seq WHERE name = $name AND seq < $seq";
            AddParameter(command, "$seq", value);
            AddParameter(command, "$name", table);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && !await HasRowAsync(transaction, table, cancellationToken))
            {
                command.CommandText = "INSERT INTO sqlite_sequence(name, seq) VALUES ($name, $seq)";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, long>>> ReadPostgresAsync(IReadOnlyList<BackupTable> tables, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sequences = new List<KeyValuePair<string, long>>();
        foreach (var table in tables.Where(HasNumericKey).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;

            // Null for a key without a sequence (Identity's string ids), and for a sequence never used.
            command.CommandText = "SELECT pg_sequence_last_value(pg_get_serial_sequence(@table, @column)::regclass)";
            AddParameter(command, "table", Quote(table.Name));
            AddParameter(command, "column", table.PrimaryKey[0]);
            if (await command.ExecuteScalarAsync(cancellationToken) is long last)
            {
                sequences.Add(new(table.Name, last));
            }
        }

        return sequences;
    }

    private static async Task RestorePostgresAsync(IReadOnlyCollection<BackupTable> tables, IReadOnlyDictionary<string, long> sequences, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in tables.Where(HasNumericKey))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Names from the EF model, quoted; values are parameters.
            command.CommandText = $"""
                SELECT setval(s.seq, GREATEST(@saved, (SELECT COALESCE(MAX("{table.PrimaryKey[0]}"), 0) FROM "{table.Name}")))
                FROM (SELECT pg_get_serial_sequence(@table, @column)::regclass AS seq) s
                WHERE s.seq IS NOT NULL AND GREATEST(@saved, (SELECT COALESCE(MAX("{table.PrimaryKey[0]}"), 0) FROM "{table.Name}")) > 0
                """;
#pragma warning restore CA2100
            AddParameter(command, "saved", sequences.GetValueOrDefault(table.Name));
            AddParameter(command, "table", Quote(table.Name));
            AddParameter(command, "column", table.PrimaryKey[0]);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool HasNumericKey(BackupTable table) =>
        table.PrimaryKey.Count == 1 && table.Columns.Single(c => c.Name == table.PrimaryKey[0]).ProviderType is var type && (type == typeof(int) || type == typeof(long));

    // pg_get_serial_sequence reads its first argument as SQL, where an unquoted name is folded to lower case.
    private static string Quote(string name) => $"\"{name}\"";

    private static async Task<bool> HasRowAsync(DbTransaction transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_sequence WHERE name = $name";
        AddParameter(command, "$name", table);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task<bool> SqliteSequenceExistsAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
