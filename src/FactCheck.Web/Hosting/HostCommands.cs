using System.Diagnostics;
using FactCheck.Data.Backup;
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
                return await UsersCommand.RunAsync(app, scope.ServiceProvider, invocation);
            case CandidatesCommand.Name:
                return await CandidatesCommand.RunAsync(scope.ServiceProvider, invocation.Operands);
            case "backup":
                return await BackupAsync(app, scope.ServiceProvider, invocation);
            case "restore":
                return await RestoreAsync(app, scope.ServiceProvider, invocation.Operands, setup);
            default:
                throw new CommandLineException($"unknown command '{invocation.Command}'");
        }
    }

    /// <summary>
    /// `backup FILE|- [--include-secrets]`: reads only, takes no lock (its reads share one transaction). The file is
    /// written beside its final name and moved there at the end, so a failed or killed backup never leaves a
    /// truncated file under the name a later restore would read.
    /// </summary>
    private static async Task<int> BackupAsync(WebApplication app, IServiceProvider services, Invocation invocation)
    {
        if (invocation.Operands is not [var path])
        {
            throw new CommandLineException("backup takes one FILE (or - for standard output): backup FILE [--include-secrets]");
        }

        var includeSecrets = invocation.Switches.Contains("--include-secrets");
        var writer = ActivatorUtilities.CreateInstance<BackupWriter>(services);
        var clock = Stopwatch.StartNew();
        BackupSummary summary;
        if (path == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            summary = await writer.WriteAsync(stdout, includeSecrets);
        }
        else
        {
            var full = Path.GetFullPath(path);
            // A name of its own, so a failed backup never deletes a concurrent one's file; readable by the owner
            // only, since a backup holds every account (and, with --include-secrets, the password hashes).
            var partial = $"{full}.{Guid.NewGuid():N}.partial";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using (var file = new FileStream(partial, options))
                {
                    summary = await writer.WriteAsync(file, includeSecrets);
                }

                File.Move(partial, full, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
        }

        app.Logger.LogInformation(
            "Backed up {Rows} rows in {Tables} tables to {File} in {ElapsedMs} ms (schema {Schema}, secrets {IncludesSecrets})",
            summary.Rows, summary.Tables.Count, path, clock.ElapsedMilliseconds, summary.Schema, includeSecrets);
        return 0;
    }

    /// <summary>
    /// `restore FILE`: checks the file's header before touching the database, then migrates (a new file is created
    /// here; the archive is never imported) and restores, all under the set-up lock, so a site starting meanwhile
    /// neither seeds the empty database nor reads it half-restored.
    /// </summary>
    private static async Task<int> RestoreAsync(WebApplication app, IServiceProvider services, IReadOnlyList<string> operands, DatabaseSetup setup)
    {
        if (operands is not [var path])
        {
            throw new CommandLineException("restore takes one FILE: restore FILE");
        }

        Stream input;
        try
        {
            input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{path} cannot be read: {ex.Message}", ex);
        }

        var clock = Stopwatch.StartNew();
        await using (input)
        {
            var restorer = ActivatorUtilities.CreateInstance<BackupRestorer>(services);
            DatabaseSetupLock? held = null;
            try
            {
                var summary = await restorer.RestoreAsync(input, async ct =>
                {
                    held = await setup.AcquireLockAsync(ct);
                    await setup.MigrateAsync(ct);
                });
                app.Logger.LogInformation("Restored {Rows} rows from {File} in {ElapsedMs} ms", summary.Rows, path, clock.ElapsedMilliseconds);
            }
            finally
            {
                if (held is not null)
                {
                    await held.DisposeAsync();
                }
            }
        }

        return 0;
    }

    private static Task<SeedImportResult> ImportArchiveAsync(IServiceProvider services) =>
        services.GetRequiredService<SeedImporter>().ImportAsync(services.GetRequiredService<SeedOptions>().Directory);
}
