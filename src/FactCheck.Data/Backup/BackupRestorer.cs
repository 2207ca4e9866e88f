using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data.Backup;

/// <summary>
/// Restores a backup into an empty database of the same schema: every row with its original primary key (ids are in
/// permalinks), tables in foreign-key order, all in one transaction, then the id counters and the full-text index,
/// which is derived and not in the file. Claims' stored current rating comes back as it was saved. Nothing goes
/// through SaveChanges: the rows are history already, and must not get revisions or audit lines of their own.
/// </summary>
public sealed class BackupRestorer(FactCheckDbContext db, ILogger<BackupRestorer> logger)
{
    /// <summary>
    /// Checks the file's header, then calls <paramref name="migrateAsync"/> (the command migrates under the set-up
    /// lock), refuses a database that holds any row, and restores. A refusal throws <see cref="BackupException"/>
    /// having written nothing to the database.
    /// </summary>
    public async Task<BackupSummary> RestoreAsync(Stream input, Func<CancellationToken, Task> migrateAsync, CancellationToken cancellationToken = default)
    {
        using var reader = new BackupReader(input);
        var header = reader.ReadHeader();
        CheckSchema(header.Schema);

        await migrateAsync(cancellationToken);
        var tables = BackupTable.FromModel(db.Model).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var counts = new List<KeyValuePair<string, long>>();
        // No command timeout (0): rebuilding the search index is one statement, and at 100,000 claims on PostgreSQL
        // it ran for 271 s; an operator's restore must not fail at the provider's default 30 s and start again.
        db.Database.SetCommandTimeout(0);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();

            // Inside the transaction, so no other process can add a row between the check and the inserts.
            if (await FirstTableWithRowsAsync(tables.Values, dbTransaction, cancellationToken) is { } occupied)
            {
                throw new BackupException($"The database is not empty ({occupied} has rows): restore only into a new, empty database, e.g. --ConnectionStrings:FactCheck=\"Data Source=restored.db\".");
            }

            if (db.Database.IsSqlite())
            {
                // The file is in foreign-key order already; deferring covers a row that refers to a later row of its own table.
                await ExecuteAsync(dbTransaction, "PRAGMA defer_foreign_keys = ON", cancellationToken);
            }

            while (reader.NextTable() is ({ } name, { } columns))
            {
                var table = tables.GetValueOrDefault(name)
                    ?? throw new BackupException($"The backup has a table {name} that this version's schema does not have.");
                var rows = await InsertRowsAsync(reader, table, columns, dbTransaction, cancellationToken);
                counts.Add(new(name, rows));
                logger.LogInformation("Restored {Table}: {Rows} rows", name, rows);
            }

            await BackupSequences.RestoreAsync(db, tables.Values, header.Sequences, dbTransaction, cancellationToken);
            logger.LogInformation("Rebuilding the full-text index");
            await db.SearchIndex.RebuildAsync(cancellationToken);
            logger.LogInformation("Rebuilding the claims' listings");
            await Listings.ClaimListingWriter.RefreshAsync(db, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var summary = new BackupSummary(header.Schema, counts);
        logger.LogInformation(
            "Restored {Rows} rows in {Tables} tables from a backup made at {CreatedAtUtc} (schema {Schema}, secrets {IncludesSecrets})",
            summary.Rows, counts.Count, header.CreatedAtUtc.ToString("O", CultureInfo.InvariantCulture), header.Schema, header.IncludesSecrets);
        return summary;
    }

    /// <summary>Only the exact schema restores: older and newer files name tables and columns this version does not.</summary>
    private void CheckSchema(string schema)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var latest = migrations[^1];
        if (schema == latest || schema == LatestOfOtherProvider())
        {
            return;
        }

        throw new BackupException(migrations.Contains(schema, StringComparer.Ordinal)
            ? $"The backup is of an older schema ({schema}) than this version's ({latest}): restore it with the version that made it, run `migrate` there, and back it up again."
            : $"The backup's schema ({schema}) is not one this version knows (its latest is {latest}): it was made by a newer version; restore it with that version.");
    }

    /// <summary>
    /// The other provider's newest migration: each schema change is generated into both sets together, so the newest
    /// of each describes the same tables, and a backup made on SQLite restores on PostgreSQL and back.
    /// </summary>
    private string? LatestOfOtherProvider() =>
        typeof(FactCheckDbContext).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<MigrationAttribute>() is not null
                && t.GetCustomAttribute<DbContextAttribute>()?.ContextType is { } context
                && context != db.GetType() && context.IsAssignableTo(typeof(FactCheckDbContext)))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
            .Order(StringComparer.Ordinal)
            .LastOrDefault();

    private async Task<long> InsertRowsAsync(BackupReader reader, BackupTable table, IReadOnlyList<string> fileColumns, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var byName = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var columns = fileColumns
            .Select(n => byName.GetValueOrDefault(n) ?? throw new BackupException($"The backup's table {table.Name} has a column {n} that this version's schema does not have."))
            .ToArray();
        if (table.Columns.FirstOrDefault(c => !fileColumns.Contains(c.Name, StringComparer.Ordinal)) is { } missing)
        {
            throw new BackupException($"The backup's table {table.Name} has no column {missing.Name}.");
        }

        var sql = BackupSql.Helper(db);
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var names = columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i.ToString(CultureInfo.InvariantCulture)));
#pragma warning disable CA2100 // Names come from the EF model, quoted by the provider; values are parameters.
        command.CommandText = $"INSERT INTO {BackupSql.Table(sql, table)} ({BackupSql.Columns(sql, columns.Select(c => c.Name))}) VALUES ({string.Join(", ", names)})";
#pragma warning restore CA2100

        var tokens = new BackupToken[columns.Length];
        long rows = 0;
        while (reader.NextRow(tokens, table.Name))
        {
            // The command is reused, so SQLite prepares the statement once; the parameters are made by each column's
            // type mapping, which formats dates and converts enums exactly as EF Core's own saves do.
            command.Parameters.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                var column = columns[i];
                var stored = BackupValues.Parse(tokens[i], column.ProviderType, $"{table.Name}.{column.Name}");
                var value = stored is not null && column.TypeMapping.Converter is { } converter ? converter.ConvertFromProvider(stored) : stored;
                command.Parameters.Add(column.TypeMapping.CreateParameter(command, sql.GenerateParameterName("p" + i.ToString(CultureInfo.InvariantCulture)), value, column.IsNullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            rows++;
        }

        return rows;
    }

    private async Task<string?> FirstTableWithRowsAsync(IEnumerable<BackupTable> tables, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sql = BackupSql.Helper(db);
        foreach (var table in tables)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // A table name from the EF model, quoted by the provider.
            command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {BackupSql.Table(sql, table)})";
#pragma warning restore CA2100
            if (Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture))
            {
                return table.Name;
            }
        }

        return null;
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Constant SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
