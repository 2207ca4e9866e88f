using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// <c>dotnet run --project tests/benchmarks/FactCheck.ArchiveGenerator -c Release -- --database PATH [--claims N] [--seed N] [--manifest FILE]</c>:
/// migrates the database and imports the curated archive (as the site's first start would, under the same lock),
/// then adds a synthetic archive of N claims (default 100,000) from seed N (default 42). --manifest writes the
/// addresses a benchmark needs as shell variables.
/// (An explicit class rather than top-level statements: the test project references this tool and the site,
/// and two top-level programs would both be the public type Program.)
/// </summary>
internal static class GeneratorProgram
{
    private const string Usage = "Usage: dotnet run --project tests/benchmarks/FactCheck.ArchiveGenerator -c Release -- --database PATH [--claims N] [--seed N] [--manifest FILE]";

    public static async Task<int> Main(string[] args)
    {
        GeneratorArguments arguments;
        try
        {
            arguments = GeneratorArguments.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"generate: {ex.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // Serilog's console sink writes each line before the call returns, so a crash test that kills on a logged
        // moment kills the process at that moment, not after a queue has caught up.
        using var serilog = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .WriteTo.Sink(new PauseAfterLogSink(arguments.PauseAfterLog))
            .CreateLogger();

        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(serilog))
            .AddDbContext<FactCheckDbContext>(options => options.UseSqlite(SqliteConnectionStrings.ForFile(Environment.CurrentDirectory, arguments.Database)))
            .AddSingleton(new SeedOptions { Directory = Path.Combine(AppContext.BaseDirectory, "seeds") })
            .AddSingleton(new DatabaseSetupOptions())
            .AddScoped<SeedImporter>()
            .AddScoped<DatabaseSetup>()
            .AddScoped<SyntheticArchiveGenerator>();

        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        try
        {
            var setup = scope.ServiceProvider.GetRequiredService<DatabaseSetup>();

            // Held to the end: a site starting meanwhile on this database waits instead of importing beside it.
            await using var setupLock = await setup.AcquireLockAsync();
            await setup.MigrateAsync();
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(scope.ServiceProvider.GetRequiredService<SeedOptions>().Directory);

            var generator = scope.ServiceProvider.GetRequiredService<SyntheticArchiveGenerator>();
            var result = await generator.GenerateAsync(new GenerationOptions(arguments.Claims, arguments.Seed), ConsoleProgress.For("generate"));

            // The raw inserts bypass the save pipeline: version 1 of each page here, under the lock, not at the site's first start.
            await setup.RecordFirstClaimVersionsAsync();

            var landmarks = result.Landmarks;
            var typicalClaim = $"/claims/{landmarks.TypicalClaimId}/{landmarks.TypicalClaimSlug}";
            scope.ServiceProvider.GetRequiredService<ILogger<SyntheticArchiveGenerator>>().LogInformation(
                "Generated {Claims} claims, {Claimants} claimants, {Topics} topics, {Sources} sources, {Passages} passages, {Appearances} appearances, {Evidence} evidence items, {Verdicts} verdicts with seed {Seed} in {Elapsed:0.0} s; typical claim {TypicalClaim}, largest claimant {Claimant} ({ClaimantClaims} claims), largest topic {Topic} ({TopicClaims} claims)",
                result.Claims, result.Claimants, result.Topics, result.Sources, result.Passages, result.Appearances, result.Evidence, result.Verdicts, arguments.Seed,
                result.Elapsed.TotalSeconds, typicalClaim, landmarks.LargestClaimantSlug, landmarks.LargestClaimantClaims, landmarks.LargestTopicSlug, landmarks.LargestTopicClaims);

            if (arguments.Manifest is { } manifest)
            {
                await File.WriteAllLinesAsync(manifest, [
                    Line("GEN_CLAIMS", result.Claims),
                    Line("GEN_SEED", arguments.Seed),
                    Line("GEN_EVIDENCE", result.Evidence),
                    Line("GEN_SOURCES", result.Sources),
                    Line("GEN_SECONDS", (int)result.Elapsed.TotalSeconds),
                    Line("TYPICAL_CLAIM_PATH", typicalClaim),
                    Line("LARGEST_CLAIMANT_PATH", "/claimants/" + landmarks.LargestClaimantSlug),
                    Line("LARGEST_CLAIMANT_CLAIMS", landmarks.LargestClaimantClaims),
                    Line("LARGEST_TOPIC_PATH", "/topics/" + landmarks.LargestTopicSlug),
                    Line("LARGEST_TOPIC_CLAIMS", landmarks.LargestTopicClaims),
                ]);
            }

            return 0;
        }
        catch (Exception ex)
        {
            // One line that says why, as the site's commands do; a script reads the exit code.
            Console.Error.WriteLine($"generate: {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    // Slugs and numbers only, so no shell quoting is needed.
    private static string Line(string name, object value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value}");
}
