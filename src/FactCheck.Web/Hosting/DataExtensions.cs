using FactCheck.Data;
using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
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
        builder.Services.AddSingleton(new DatabaseSetupOptions
        {
            LockTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Database:SetupLockTimeoutSeconds", 120)),
        });
        builder.Services.AddScoped<DatabaseSetup>();
        return builder;
    }

    /// <summary>
    /// Migrates when migrations are pending and imports the archive into an empty database (first start);
    /// an ordinary start only reads. The schema is only ever created by migrations, never EnsureCreated.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().PrepareForSiteAsync();
    }

    private static string ResolveSeedDirectory(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "seeds")
            : Path.GetFullPath(configured);
}
