using FactCheck.CrashRecovery;
using FactCheck.Web.Hosting;

namespace FactCheck.Tests.Hosting;

/// <summary>
/// The command line as a script or an operator meets it: the real application run as a child process.
/// A mistyped command must fail at once, and a failing command must say why in one line, not a stack trace.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CrashHarness _harness = new();

    [Fact]
    public async Task An_unknown_command_prints_the_usage_and_exits_2_without_starting_anything()
    {
        var path = _harness.NewDatabasePath("unknown");

        var result = await _harness.RunAsync(path, "sede");

        Assert.Equal(CommandLine.UsageExitCode, result.ExitCode);
        Assert.StartsWith("factcheck: unknown command 'sede'", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project src/FactCheck.Web -- [command]", result.Errors, StringComparison.Ordinal);
        Assert.Contains("  seed ", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "an unknown command must not open the database, let alone serve the site");
    }

    [Fact]
    public async Task Generate_is_no_longer_a_command_of_the_site()
    {
        // The synthetic archive is made by tests/benchmarks/FactCheck.ArchiveGenerator; the site refuses the old word.
        var path = _harness.NewDatabasePath("generate");

        var result = await _harness.RunAsync(path, "generate", "--claims", "10");

        Assert.Equal(CommandLine.UsageExitCode, result.ExitCode);
        Assert.StartsWith("factcheck: unknown command 'generate'", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("  generate ", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    public static TheoryData<string, string[], string> Failures => new()
    {
        { "a missing seed archive", ["seed", "--Seeds:Path=/nonexistent/seeds"], "factcheck: /nonexistent/seeds/archive.json: the seed archive does not exist." },
        { "an unsupported provider", ["seed", "--Database:Provider=Oracle"], "factcheck: Database:Provider 'Oracle' is not supported; use 'Sqlite' or 'Postgres'" },
        { "a database in a folder that does not exist", ["migrate", "--Database:SetupLockTimeoutSeconds=5"], "factcheck: The database's lock file /nonexistent/folder/factcheck.db.lock cannot be created" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task A_failing_command_says_why_in_one_line_on_standard_error_and_exits_1(string what, string[] command, string message)
    {
        var path = what.Contains("folder", StringComparison.Ordinal) ? "/nonexistent/folder/factcheck.db" : _harness.NewDatabasePath("failing");

        var result = await _harness.RunAsync(path, command);

        Assert.Equal(CommandLine.FailureExitCode, result.ExitCode);
        var lines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5001" }, null)]
    [InlineData(new[] { "urls=http://127.0.0.1:5001" }, null)]
    [InlineData(new[] { "SEED" }, "seed")]
    [InlineData(new[] { "users", "add", "editor@example.org", "--role", "editor" }, "users")]
    public void The_first_word_is_a_command_and_configuration_is_not(string[] args, string? command)
    {
        var invocation = CommandLine.Parse(args);

        Assert.Null(invocation.Error);
        Assert.Equal(command, invocation.Command);
        Assert.Equal(command is null ? args : args[1..], invocation.HostArgs);
    }

    public void Dispose() => _harness.Dispose();
}
