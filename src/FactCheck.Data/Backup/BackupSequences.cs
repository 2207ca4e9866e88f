using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Backup;

/// <summary>
/// The next-id counters, so a restored database never hands out an id a deleted row had (ids are in permalinks).
/// SQLite keeps them in sqlite_sequence (AUTOINCREMENT tables), which may be ahead of the highest id left; inserting
/// explicit ids moves it only up to that highest id, so the saved value is put back after the rows.
/// </summary>
internal static class BackupSequences
{
    public static async Task<IReadOnlyList<KeyValuePair<string, long>>> ReadAsync(FactCheckDbContext db, IReadOnlyList<BackupTable> tables, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // TODO(PostgreSQL): read each identity column's sequence (pg_get_serial_sequence + last_value) here.
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

    /// <summary>
    /// Puts the counters back after a restore's explicit-id inserts.
    /// TODO(PostgreSQL): identity sequences do not move on explicit ids at all: setval each table's sequence to the
    /// saved value, or to MAX(id) when the file has none, or the next insert fails on a duplicate key.
    /// </summary>
    public static async Task RestoreAsync(FactCheckDbContext db, IReadOnlyDictionary<string, long> sequences, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            throw new BackupException($"Restoring id sequences is not implemented for {db.Database.ProviderName} yet.");
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
