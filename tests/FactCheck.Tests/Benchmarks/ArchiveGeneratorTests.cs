using FactCheck.ArchiveGenerator;
using FactCheck.CrashRecovery;

namespace FactCheck.Tests.Benchmarks;

/// <summary>
/// The synthetic-archive tool (tests/benchmarks/FactCheck.ArchiveGenerator) as the benchmark script runs it:
/// its own process, its own options, the site's migrations and set-up lock.
/// </summary>
public sealed class ArchiveGeneratorTests : IDisposable
{
    private readonly CrashHarness _harness = new();

    [Fact]
    public async Task Generates_into_a_new_database_that_the_site_then_serves_with_the_manifest_addresses()
    {
        var path = _harness.NewDatabasePath("tool");
        var manifest = Path.Combine(_harness.Directory, "bench.env");

        var result = await _harness.GenerateAsync(path, "--claims", "200", "--seed", "7", "--manifest", manifest);

        Assert.True(result.ExitCode == 0, result.Output);

        // The plain progress lines of a redirected run, for each stage.
        foreach (var stage in new[] { "sources", "claims" })
        {
            Assert.Contains($"generate: {stage} 50% (", result.Output, StringComparison.Ordinal);
            Assert.Contains($"generate: {stage} 100% (", result.Output, StringComparison.Ordinal);
        }

        var state = CrashHarness.Inspect(path);
        Assert.Empty(state.Problems);
        Assert.Contains("__EFMigrationsHistory", state.RowCounts.Keys);

        // The curated archive is imported first (as a first start would), then the synthetic claims beside it.
        var curated = CrashHarness.Inspect(await SeededReferenceAsync());
        Assert.Equal(curated.RowCounts["Claims"] + 200, state.RowCounts["Claims"]);
        var lines = (await File.ReadAllLinesAsync(manifest)).ToDictionary(l => l.Split('=')[0], l => l.Split('=', 2)[1]);
        Assert.Equal("200", lines["GEN_CLAIMS"]);
        Assert.Equal("7", lines["GEN_SEED"]);
        Assert.Matches("^/claims/[0-9]+/[a-z0-9-]+$", lines["TYPICAL_CLAIM_PATH"]);
        Assert.Null(await _harness.SiteAnswersAsync(path));
    }

    [Fact]
    public async Task A_bad_option_value_is_refused_with_the_usage_and_exit_code_2()
    {
        var path = _harness.NewDatabasePath("bad-option");

        var result = await _harness.GenerateAsync(path, "--claims", "lots");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("generate: --claims must be a positive whole number, not 'lots'", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project tests/benchmarks/FactCheck.ArchiveGenerator", result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "a refused run must not create the database");
    }

    [Fact]
    public void Redirected_progress_is_a_line_when_a_stage_starts_and_at_every_tenth()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress("generate", output, terminal: false);

        for (var done = 1; done <= 250; done++)
        {
            progress.Report(new GenerationProgress("claims", done, 250));
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("generate: claims 0% (1 of 250)", lines[0]);
        Assert.Equal("generate: claims 10% (25 of 250)", lines[1]);
        Assert.Equal("generate: claims 100% (250 of 250)", lines[^1]);
    }

    public void Dispose() => _harness.Dispose();

    private async Task<string> SeededReferenceAsync()
    {
        var path = _harness.NewDatabasePath("seeded");
        var seed = await _harness.RunAsync(path, "seed");
        Assert.True(seed.ExitCode == 0, seed.Output);
        return path;
    }
}
