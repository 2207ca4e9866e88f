using FactCheck.Data;
using FactCheck.Data.Seeding;
using FactCheck.Data.Setup;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Hosting;

public static class DataExtensions
{
    /// <summary>
    /// Registers the DbContext on the configured provider. Database:Provider is "Sqlite" (the default: a file
    /// under App_Data, or ConnectionStrings:FactCheck) or "Postgres" (ConnectionStrings:FactCheck required);
    /// an unknown name stops start-up with a clear message rather than guessing.
    /// See docs/decisions/database-provider.md.
    /// </summary>
    public static WebApplicationBuilder AddFactCheckData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString("FactCheck");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is 'Postgres' but ConnectionStrings:FactCheck is not set; give it as e.g. " +
                    "ConnectionStrings__FactCheck='Host=db;Database=factcheck;Username=factcheck;Password=…' (see docs/deployment.md).");
            }

            // No automatic retry (EnableRetryOnFailure): when a connection drops as COMMIT is acknowledged, a
            // retry cannot tell a save that landed from one that did not, and would apply it twice or answer 412
            // for a save that is in the history. The caller gets an error instead and re-reads; the save pipeline
            // still runs inside the (non-retrying) execution strategy, so turning retries on stays a one-line change.
            builder.Services.AddDbContext<FactCheckDbContext, PostgresFactCheckDbContext>(options => options.UseNpgsql(connectionString));
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            connectionString ??= SqliteConnectionStrings.ForFile(builder.Environment.ContentRootPath, builder.Configuration["Database:Path"] ?? "App_Data/factcheck.db");
            builder.Services.AddDbContext<FactCheckDbContext>(options => options.UseSqlite(connectionString));
        }
        else
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported; use 'Sqlite' or 'Postgres' (see docs/decisions/database-provider.md).");
        }

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
