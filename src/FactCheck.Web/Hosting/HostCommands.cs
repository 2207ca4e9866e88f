using System.Globalization;
using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Desk;
using FactCheck.Web.Site;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One-shot commands run by the same host as the site, so they share its configuration:
/// `dotnet run --project src/FactCheck.Web -- seed`, or
/// `dotnet run --project src/FactCheck.Web -c Release -- generate --claims 100000 --seed 42 [--manifest bench.env]`.
/// A command's own options are read from the command line through configuration ("--claims 100000" is the key "claims").
/// <see cref="CommandLine"/> parses the command word and turns failures into one line and an exit code.
/// </summary>
public static class HostCommands
{
    public static async Task<int> RunCommandAsync(this WebApplication app, Invocation invocation)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<DatabaseSetup>();
        switch (invocation.Command)
        {
            case "migrate":
                await using (await setup.AcquireLockAsync())
                {
                    await setup.MigrateAsync();
                }

                return 0;
            case "seed":
                await using (await setup.AcquireLockAsync())
                {
                    await setup.MigrateAsync();
                    await ImportArchiveAsync(scope.ServiceProvider);
                }

                return 0;
            case "generate":
                return await GenerateAsync(app, scope.ServiceProvider, setup);
            case "users":
                return await UsersCommand.RunAsync(app, scope.ServiceProvider, invocation.Operands);
            case CandidatesCommand.Name:
                return await CandidatesCommand.RunAsync(scope.ServiceProvider, invocation.Operands);
            default:
                throw new CommandLineException($"unknown command '{invocation.Command}'");
        }
    }

    private static Task<SeedImportResult> ImportArchiveAsync(IServiceProvider services) =>
        services.GetRequiredService<SeedImporter>().ImportAsync(services.GetRequiredService<SeedOptions>().Directory);

    /// <summary>
    /// Migrates, imports the curated archive (so the seeds' claims and topics are there too), then adds a
    /// synthetic archive of --claims claims (default 100,000) from --seed (default 42). --manifest writes the
    /// addresses a benchmark needs as shell variables.
    /// </summary>
    private static async Task<int> GenerateAsync(WebApplication app, IServiceProvider services, DatabaseSetup setup)
    {
        var claims = CommandLine.PositiveInt(app.Configuration, "claims", 100_000);
        var seed = CommandLine.PositiveInt(app.Configuration, "seed", 42);

        // Held to the end: a site starting meanwhile on this database waits instead of importing beside it.
        await using var setupLock = await setup.AcquireLockAsync();
        await setup.MigrateAsync();
        await ImportArchiveAsync(services);

        var generator = ActivatorUtilities.CreateInstance<SyntheticArchiveGenerator>(services);
        var result = await generator.GenerateAsync(new GenerationOptions(claims, seed), ConsoleProgress.For("generate"));

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
