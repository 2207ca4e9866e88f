using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Desk;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One-shot commands run by the same host as the site, so they share its configuration:
/// `dotnet run --project src/FactCheck.Web -- seed`.
/// A command's own options are read from the command line through configuration ("--role editor" is the key "role").
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
}
