using FactCheck.Data;
using FactCheck.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Hosting;

public static class DataExtensions
{
    /// <summary>
    /// Registers the DbContext on the configured provider. Database:Provider selects it; only "Sqlite"
    /// is implemented today, and an unknown name stops start-up with a clear message rather than guessing.
    /// </summary>
    public static WebApplicationBuilder AddFactCheckData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported yet; use 'Sqlite' (see docs/decisions/database-provider.md).");
        }

        var connectionString = builder.Configuration.GetConnectionString("FactCheck")
            ?? SqliteConnectionStrings.ForFile(builder.Environment.ContentRootPath, builder.Configuration["Database:Path"] ?? "App_Data/factcheck.db");
        builder.Services.AddDbContext<FactCheckDbContext>(options => options.UseSqlite(connectionString));

        builder.Services.AddSingleton(new SeedOptions
        {
            Directory = ResolveSeedDirectory(builder.Configuration["Seeds:Path"]),
            ImportOnEmptyDatabase = builder.Configuration.GetValue("Seeds:ImportOnEmptyDatabase", true),
        });
        builder.Services.AddScoped<SeedImporter>();
        return builder;
    }

    /// <summary>Applies pending migrations; the schema is only ever created by migrations, never EnsureCreated.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        await db.Database.MigrateAsync();
        app.Logger.LogInformation("Database migrated: {PendingCount} migrations applied {Migrations}", pending.Count, pending);
    }

    /// <summary>Migrates, then imports the archive when the database has no documents yet (first start).</summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        await app.MigrateDatabaseAsync();
        var options = app.Services.GetRequiredService<SeedOptions>();
        if (!options.ImportOnEmptyDatabase)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        if (await db.Sources.AnyAsync())
        {
            return;
        }

        await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(options.Directory);
    }

    private static string ResolveSeedDirectory(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "seeds")
            : Path.GetFullPath(configured);
}
