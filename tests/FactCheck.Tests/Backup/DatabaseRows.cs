using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FactCheck.Tests.Backup;

/// <summary>
/// Every row of every table of a SQLite file, read with raw SQL (not through the model the backup uses), each value
/// with its storage class: the tables in sqlite_master except the full-text index's (derived, its shadow tables'
/// layout depends on merge history) and EF Core's migration history and lock.
/// </summary>
public static class DatabaseRows
{
    public static SortedDictionary<string, Table> Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var virtualTables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
        var tables = new SortedDictionary<string, Table>(StringComparer.Ordinal);
        foreach (var name in Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            if (name is "__EFMigrationsHistory" or "__EFMigrationsLock"
                || virtualTables.Any(v => name == v || name.StartsWith(v + "_", StringComparison.Ordinal)))
            {
                continue;
            }

            tables[name] = ReadTable(connection, name);
        }

        return tables;
    }

    /// <summary>The ids a full-text query finds in one of the index's tables, in order.</summary>
    public static List<long> Search(string databasePath, string table, string query)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The tests' own table names.
        command.CommandText = $"SELECT rowid FROM \"{table}\" WHERE \"{table}\" MATCH $query ORDER BY rowid";
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$query", query);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

#pragma warning disable CA2100 // Names come from sqlite_master of a file the test made.
    private static Table ReadTable(SqliteConnection connection, string name)
    {
        var columns = new List<string>();
        var key = new SortedDictionary<long, string>();
        using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{name}\")";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                columns.Add(reader.GetString(1));
                if (reader.GetInt64(5) > 0)
                {
                    key[reader.GetInt64(5)] = reader.GetString(1);
                }
            }
        }

        // sqlite_sequence has no declared key: its rows are ordered by every column.
        var order = key.Count > 0 ? key.Values.ToList() : columns;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{name}\" ORDER BY {string.Join(", ", order.Select(c => $"\"{c}\""))}";
        using var rows = command.ExecuteReader();
        var values = new List<string?[]>();
        while (rows.Read())
        {
            var row = new string?[rows.FieldCount];
            for (var i = 0; i < rows.FieldCount; i++)
            {
                // GetValue follows the value's storage class (long, double, string, byte[]), so a date stored as
                // text in one file and as a number in the other differs here.
                var value = rows.GetValue(i);
                row[i] = value is DBNull ? null : value.GetType().Name + ":" + (value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            values.Add(row);
        }

        return new Table(columns, values);
    }
#pragma warning restore CA2100

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public sealed record Table(List<string> Columns, List<string?[]> Rows)
    {
        public int Column(string name) => Columns.IndexOf(name);
    }
}
