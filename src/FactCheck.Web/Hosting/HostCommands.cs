using System.Globalization;
using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
using FactCheck.Web.Services;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One-shot commands run by the same host as the site, so they share its configuration:
/// `dotnet run --project src/FactCheck.Web -- seed`, or
/// `dotnet run --project src/FactCheck.Web -c Release -- generate --claims 100000 --seed 42 [--manifest bench.env]`.
/// A command's own options are read from the command line through configuration ("--claims 100000" is the key "claims").
/// </summary>
public static class HostCommands
{
    private static readonly string[] Known = ["seed", "generate"];

    /// <summary>Separates a leading command word from the arguments the host's configuration reads.</summary>
    public static (string? Command, string[] HostArgs) Split(string[] args) =>
        args.Length > 0 && Known.Contains(args[0], StringComparer.OrdinalIgnoreCase)
            ? (args[0].ToLowerInvariant(), args[1..])
            : (null, args);

    public static async Task<int> RunCommandAsync(this WebApplication app, string command)
    {
        switch (command)
        {
            case "seed":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var setup = scope.ServiceProvider.GetRequiredService<DatabaseSetup>();
                    var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
                    var options = scope.ServiceProvider.GetRequiredService<SeedOptions>();
                    try
                    {
                        await using var setupLock = await setup.AcquireLockAsync();
                        await setup.MigrateAsync();
                        await importer.ImportAsync(options.Directory);
                    }
                    catch (SeedImportException ex)
                    {
                        app.Logger.LogError("Seed import failed: {Reason}", ex.Message);
                        return 1;
                    }
                }

                return 0;
            case "generate":
                return await GenerateAsync(app);
            default:
                app.Logger.LogError("Unknown command {Command}", command);
                return 2;
        }
    }

    /// <summary>
    /// Migrates, imports the curated archive (so the seeds' claims and topics are there too), then adds a
    /// synthetic archive of --claims claims (default 100,000) from --seed (default 42). --manifest writes the
    /// addresses a benchmark needs as shell variables.
    /// </summary>
    private static async Task<int> GenerateAsync(WebApplication app)
    {
        var claims = app.Configuration.GetValue("claims", 100_000);
        var seed = app.Configuration.GetValue("seed", 42);
        if (claims < 1)
        {
            app.Logger.LogError("--claims must be a positive number, not {Claims}", claims);
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<DatabaseSetup>();
        var options = scope.ServiceProvider.GetRequiredService<SeedOptions>();

        // Held to the end: a site starting meanwhile on this database waits instead of importing beside it.
        await using var setupLock = await setup.AcquireLockAsync();
        await setup.MigrateAsync();
        try
        {
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(options.Directory);
        }
        catch (SeedImportException ex)
        {
            app.Logger.LogError("Seed import failed: {Reason}", ex.Message);
            return 1;
        }

        var generator = ActivatorUtilities.CreateInstance<SyntheticArchiveGenerator>(scope.ServiceProvider);
        GenerationResult result;
        try
        {
            result = await generator.GenerateAsync(new GenerationOptions(claims, seed));
        }
        catch (InvalidOperationException ex)
        {
            app.Logger.LogError("Generation stopped: {Reason}", ex.Message);
            return 1;
        }

        var landmarks = result.Landmarks;
        var typicalClaim = SiteUrls.Claim(landmarks.TypicalClaimId, landmarks.TypicalClaimSlug);
        app.Logger.LogInformation(
            "Generated {Claims} claims, {Claimants} claimants, {Topics} topics, {Sources} sources, {Passages} passages, {Appearances} appearances, {Evidence} evidence items, {Verdicts} verdicts with seed {Seed} in {Elapsed:0.0} s; typical claim {TypicalClaim}, largest claimant {Claimant} ({ClaimantClaims} claims), largest topic {Topic} ({TopicClaims} claims)",
            result.Claims, result.Claimants, result.Topics, result.Sources, result.Passages, result.Appearances, result.Evidence, result.Verdicts, seed,
            result.Elapsed.TotalSeconds, typicalClaim, landmarks.LargestClaimantSlug, landmarks.LargestClaimantClaims, landmarks.LargestTopicSlug, landmarks.LargestTopicClaims);

        if (app.Configuration["manifest"] is { Length: > 0 } manifest)
        {
            await File.WriteAllLinesAsync(manifest, [
                Line("GEN_CLAIMS", result.Claims),
                Line("GEN_SEED", seed),
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

    // Slugs and numbers only, so no shell quoting is needed.
    private static string Line(string name, object value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value}");
}
