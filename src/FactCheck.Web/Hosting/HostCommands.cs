using FactCheck.Data.Seeding;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One-shot commands run by the same host as the site, so they share its configuration:
/// `dotnet run --project src/FactCheck.Web -- seed`.
/// </summary>
public static class HostCommands
{
    private static readonly string[] Known = ["seed"];

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
                await app.MigrateDatabaseAsync();
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var importer = scope.ServiceProvider.GetRequiredService<SeedImporter>();
                    var options = scope.ServiceProvider.GetRequiredService<SeedOptions>();
                    try
                    {
                        await importer.ImportAsync(options.Directory);
                    }
                    catch (SeedImportException ex)
                    {
                        app.Logger.LogError("Seed import failed: {Reason}", ex.Message);
                        return 1;
                    }
                }

                return 0;
            default:
                app.Logger.LogError("Unknown command {Command}", command);
                return 2;
        }
    }
}
