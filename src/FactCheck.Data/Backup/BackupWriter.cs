using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data.Backup;

/// <summary>
/// Writes the whole database to one JSON stream (<see cref="BackupFormat"/>), table by table and row by row: a row
/// is read, written and forgotten, and the writer flushes as it goes, so the benchmark archive's 100,000 claims never
/// sit in memory. The reads share one transaction, so the file is one consistent moment even while the site writes.
/// Raw ADO on the context's connection, with the column lists and value types from the model: provider-neutral, and
/// no entity is materialised or tracked.
/// </summary>
public sealed class BackupWriter(FactCheckDbContext db, ILogger<BackupWriter> logger)
{
    private const int FlushEveryBytes = 1 << 20;

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Texts stay readable (quotes, accents); the file is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<BackupSummary> WriteAsync(Stream output, bool includeSecrets, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            // A backup only reads; an unmigrated database is not this version's schema, so its file could not be restored here.
            throw new BackupException($"The database has {pending.Count} pending migrations (or does not exist): run `migrate` first, then back it up.");
        }

        var schema = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Last();
        var tables = BackupTable.FromModel(db.Model);
        var sql = BackupSql.Helper(db);
        var counts = new List<KeyValuePair<string, long>>();

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var dbTransaction = transaction.GetDbTransaction();
            await using var json = new Utf8JsonWriter(output, JsonOptions);
            json.WriteStartObject();
            json.WriteString("format", BackupFormat.Name);
            json.WriteNumber("version", BackupFormat.Version);
            json.WriteString("createdAtUtc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("schema", schema);
            json.WriteBoolean("includesSecrets", includeSecrets);
            json.WriteStartObject("sequences");
            foreach (var (table, next) in await BackupSequences.ReadAsync(db, tables, dbTransaction, cancellationToken))
            {
                json.WriteNumber(table, next);
            }

            json.WriteEndObject();
            json.WriteStartObject("tables");
            foreach (var table in tables)
            {
                var rows = await WriteTableAsync(json, table, includeSecrets, sql, dbTransaction, cancellationToken);
                counts.Add(new(table.Name, rows));
                logger.LogInformation("Backed up {Table}: {Rows} rows", table.Name, rows);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return new BackupSummary(schema, counts);
    }

    private static async Task<long> WriteTableAsync(Utf8JsonWriter json, BackupTable table, bool includeSecrets, ISqlGenerationHelper sql, DbTransaction transaction, CancellationToken cancellationToken)
    {
        json.WriteStartObject(table.Name);
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStringValue(column.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        long rows = 0;
        if (includeSecrets || !table.IsSecret)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Names come from the EF model, quoted by the provider; no input.
            command.CommandText = $"SELECT {BackupSql.Columns(sql, table.Columns.Select(c => c.Name))} FROM {BackupSql.Table(sql, table)} ORDER BY {BackupSql.Columns(sql, table.PrimaryKey)}";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                json.WriteStartArray();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var column = table.Columns[i];
                    if (column.IsSecret && !includeSecrets)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        BackupValues.Write(json, reader, i, column.ProviderType);
                    }
                }

                json.WriteEndArray();
                rows++;
                if (json.BytesPending > FlushEveryBytes)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return rows;
    }
}
