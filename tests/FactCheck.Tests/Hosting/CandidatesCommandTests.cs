using System.Text.Json;
using FactCheck.CrashRecovery;
using FactCheck.Web.Hosting;
using Microsoft.Data.Sqlite;

namespace FactCheck.Tests.Hosting;

/// <summary>`candidates FILE` as a newsroom pipeline runs it: the real process, its standard output read as JSON lines.</summary>
public sealed class CandidatesCommandTests : IDisposable
{
    private const string Article = """
        Kabul, December 6

        “The Mojahedin are fully committed to enforcing the amnesty decree, and the staff of the former administration will not be harassed,” Taliban spokesman Bilal Karimi said.

        The talks resumed on Monday, and Volker Türk, the UN High Commissioner for Human Rights, said: “Reprisals against former officials must stop.”
        """;

    private readonly CrashHarness _harness = new();

    [Fact]
    public async Task Prints_one_json_object_a_line_with_verbatim_quotes_offsets_and_similar_claims()
    {
        var path = _harness.NewDatabasePath("candidates");
        var file = Path.Combine(_harness.Directory, "article.txt");
        await File.WriteAllTextAsync(file, Article);

        var result = await _harness.RunAsync(path, "candidates", file);

        Assert.True(result.ExitCode == 0, result.Errors);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var karimi = JsonDocument.Parse(lines[0]).RootElement;
        var turk = JsonDocument.Parse(lines[1]).RootElement;

        Assert.Equal("Bilal Karimi", karimi.GetProperty("speaker").GetString());
        Assert.Equal("Taliban spokesman", karimi.GetProperty("role").GetString());
        Assert.Equal("Volker Türk", turk.GetProperty("speaker").GetString());
        Assert.Equal("the UN High Commissioner for Human Rights", turk.GetProperty("role").GetString());
        foreach (var candidate in new[] { karimi, turk })
        {
            var (start, end) = (candidate.GetProperty("start").GetInt32(), candidate.GetProperty("end").GetInt32());
            Assert.Equal(Article[start..end], candidate.GetProperty("quote").GetString());
        }

        var similar = karimi.GetProperty("similar")[0];
        Assert.Equal(ClaimId(path, "balki-amnesty-fully-committed"), similar.GetProperty("id").GetInt32());
        Assert.StartsWith("The Mojahedin are fully committed", similar.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(similar.GetProperty("summary").GetString()));
        Assert.True(similar.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task A_missing_file_is_one_line_on_standard_error_and_exit_1_before_the_database_is_touched()
    {
        var path = _harness.NewDatabasePath("missing");
        var file = Path.Combine(_harness.Directory, "no-such-article.txt");

        var result = await _harness.RunAsync(path, "candidates", file);

        Assert.Equal(CommandLine.FailureExitCode, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"factcheck: {file} cannot be read", line, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
        Assert.False(File.Exists(path), "a command that cannot read its file must not create the database");
    }

    [Fact]
    public async Task Without_a_file_the_usage_is_shown_with_exit_2()
    {
        var result = await _harness.RunAsync(_harness.NewDatabasePath("no-file"), "candidates");

        Assert.Equal(CommandLine.UsageExitCode, result.ExitCode);
        Assert.StartsWith("factcheck: candidates takes one FILE", result.Errors, StringComparison.Ordinal);
        Assert.Contains("  candidates FILE", result.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    private static int ClaimId(string databasePath, string key)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Claims WHERE Key = $key";
        command.Parameters.AddWithValue("$key", key);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
