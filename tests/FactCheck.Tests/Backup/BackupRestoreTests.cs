using System.Diagnostics;
using System.Text.Json.Nodes;
using FactCheck.CrashRecovery;
using FactCheck.Web.Hosting;
using Xunit.Abstractions;

namespace FactCheck.Tests.Backup;

/// <summary>
/// `backup` and `restore` as an operator runs them: the real application as a child process over database files.
/// The round trip is checked with raw SQL over both files, every table row by row and every column, not through
/// the model the backup itself reads.
/// </summary>
public sealed class BackupRestoreTests(BackupArchive archive, ITestOutputHelper output) : IClassFixture<BackupArchive>
{
    private static readonly string[] SecretColumns = ["PasswordHash", "SecurityStamp"];

    private CrashHarness Harness => archive.Harness;

    [Fact]
    public async Task A_backup_restores_into_a_new_database_exactly_with_the_password_hashes_left_out()
    {
        var restored = Harness.NewDatabasePath("restored");
        var clock = Stopwatch.StartNew();
        var result = await Harness.RunAsync(restored, "restore", archive.BackupPath);
        BackupArchive.Succeeded(result, "restore");

        var original = DatabaseRows.Read(archive.DatabasePath);
        var copy = DatabaseRows.Read(restored);
        output.WriteLine($"restored {original.Count} tables, {original.Values.Sum(t => t.Rows.Count)} rows, from {new FileInfo(archive.BackupPath).Length} bytes in {clock.ElapsedMilliseconds} ms");

        AssertSameRows(original, copy, leaveOut: SecretColumns);
        var users = copy["AspNetUsers"];
        Assert.Equal(2, users.Rows.Count);
        foreach (var column in SecretColumns)
        {
            Assert.All(original["AspNetUsers"].Rows, row => Assert.NotNull(row[users.Column(column)]));
            Assert.All(users.Rows, row => Assert.Null(row[users.Column(column)]));
        }

        Assert.True(CrashHarness.Inspect(restored).Intact, string.Join("; ", CrashHarness.Inspect(restored).Problems));
    }

    [Fact]
    public async Task With_secrets_the_round_trip_keeps_the_password_hashes_too()
    {
        var restored = Harness.NewDatabasePath("restored-secrets");
        BackupArchive.Succeeded(await Harness.RunAsync(restored, "restore", archive.SecretsBackupPath), "restore");

        AssertSameRows(DatabaseRows.Read(archive.DatabasePath), DatabaseRows.Read(restored), leaveOut: []);
    }

    [Fact]
    public async Task The_restored_search_index_finds_the_same_claims()
    {
        var restored = Harness.NewDatabasePath("restored-search");
        BackupArchive.Succeeded(await Harness.RunAsync(restored, "restore", archive.BackupPath), "restore");

        foreach (var table in new[] { "ClaimSearch", "EvidenceSearch", "SourceSearch" })
        {
            var expected = DatabaseRows.Search(archive.DatabasePath, table, "amnesty");
            Assert.Equal(expected, DatabaseRows.Search(restored, table, "amnesty"));
            if (table == "ClaimSearch")
            {
                Assert.NotEmpty(expected);
            }
        }
    }

    [Fact]
    public async Task The_file_holds_no_password_hash_unless_asked()
    {
        var hashes = DatabaseRows.Read(archive.DatabasePath)["AspNetUsers"] is var users
            ? users.Rows.Select(r => r[users.Column("PasswordHash")]!.Split(':', 2)[1]).ToList()
            : [];
        var plain = await File.ReadAllTextAsync(archive.BackupPath);
        var withSecrets = await File.ReadAllTextAsync(archive.SecretsBackupPath);

        Assert.NotEmpty(hashes);
        Assert.All(hashes, hash => Assert.DoesNotContain(hash, plain, StringComparison.Ordinal));
        Assert.All(hashes, hash => Assert.Contains(hash, withSecrets, StringComparison.Ordinal));
        Assert.DoesNotContain(BackupArchive.Password, withSecrets, StringComparison.Ordinal);

        var header = JsonNode.Parse(plain)!;
        Assert.Equal("factcheck-backup", (string?)header["format"]);
        Assert.Equal(1, (int?)header["version"]);
        Assert.False((bool?)header["includesSecrets"]);
        Assert.Matches("^[0-9]{14}_[A-Za-z]+$", (string?)header["schema"]);
    }

    [Fact]
    public async Task Restoring_into_a_database_that_holds_rows_is_refused_and_changes_nothing()
    {
        var target = Harness.NewDatabasePath("occupied");
        File.Copy(archive.DatabasePath, target);
        var before = DatabaseRows.Read(target);

        var result = await Harness.RunAsync(target, "restore", archive.BackupPath);

        Assert.Equal(CommandLine.FailureExitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("factcheck: The database is not empty (", line, StringComparison.Ordinal);
        AssertSameRows(before, DatabaseRows.Read(target), leaveOut: []);
    }

    public static TheoryData<string, string> WrongFiles => new()
    {
        { """{"format":"something-else","version":1,"schema":"x","tables":{}}""", "factcheck: The file is not a FactCheck backup (its format is 'something-else'" },
        { """{"format":"factcheck-backup","version":2,"schema":"x","tables":{}}""", "factcheck: The backup is format version 2; this version of FactCheck restores version 1 only." },
        { """{"format":"factcheck-backup","version":1,"schema":"20261122150243_InitialSchema","tables":{}}""", "factcheck: The backup is of an older schema (20261122150243_InitialSchema)" },
        { """{"format":"factcheck-backup","version":1,"schema":"29991231000000_FromTheFuture","tables":{}}""", "factcheck: The backup's schema (29991231000000_FromTheFuture) is not one this version knows" },
        { """[1, 2, 3]""", "factcheck: The file is not a FactCheck backup: expected a JSON object." },
        { """{"format":"factcheck-backup", "vers""", "factcheck: The file is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public async Task A_file_of_another_format_version_or_schema_is_refused_before_the_database_is_touched(string content, string message)
    {
        var file = Path.Combine(Harness.Directory, $"wrong-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        var target = Harness.NewDatabasePath($"untouched-{Guid.NewGuid():N}");

        var result = await Harness.RunAsync(target, "restore", file);

        Assert.Equal(CommandLine.FailureExitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.False(File.Exists(target), "a refused file must not create the database");
    }

    [Fact]
    public async Task A_backup_to_standard_output_is_the_same_json_with_the_log_on_standard_error()
    {
        var result = await Harness.RunAsync(archive.DatabasePath, "backup", "-");

        BackupArchive.Succeeded(result, "backup -");
        var written = JsonNode.Parse(result.StandardOutput)!;
        var file = JsonNode.Parse(await File.ReadAllTextAsync(archive.BackupPath))!;
        Assert.Equal(file["tables"]!.ToJsonString(), written["tables"]!.ToJsonString());
        Assert.Contains("Backed up", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_without_a_file_is_a_usage_error()
    {
        var result = await Harness.RunAsync(Harness.NewDatabasePath("usage"), "backup");

        Assert.Equal(CommandLine.UsageExitCode, result.ExitCode);
        Assert.StartsWith("factcheck: backup takes one FILE", result.Errors, StringComparison.Ordinal);
    }

    private static void AssertSameRows(SortedDictionary<string, DatabaseRows.Table> expected, SortedDictionary<string, DatabaseRows.Table> actual, string[] leaveOut)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, table) in expected)
        {
            // Eviction notices are never backed up (the restore writes one of its own), similar-claim sets are
            // computed again as pages ask, and the key ring is a secret like the password hashes: a restore without
            // secrets starts a fresh one.
            if (name is "CacheEvictions" or "SimilarClaimSets" or "SimilarClaimSuggestions" || (name == "DataProtectionKeys" && leaveOut.Length > 0))
            {
                continue;
            }

            var other = actual[name];
            Assert.Equal(table.Columns, other.Columns);
            Assert.True(table.Rows.Count == other.Rows.Count, $"{name}: {table.Rows.Count} rows, restored {other.Rows.Count}");
            var compared = table.Columns.Select((c, i) => (c, i)).Where(x => !(name == "AspNetUsers" && leaveOut.Contains(x.c))).ToList();
            for (var r = 0; r < table.Rows.Count; r++)
            {
                foreach (var (column, i) in compared)
                {
                    Assert.True(table.Rows[r][i] == other.Rows[r][i], $"{name} row {r}, {column}: {table.Rows[r][i] ?? "NULL"} became {other.Rows[r][i] ?? "NULL"}");
                }
            }
        }
    }
}
