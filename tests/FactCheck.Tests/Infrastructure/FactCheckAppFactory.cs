using FactCheck.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The real site on real Kestrel (a free port, plain HTTP) over its own database, in the Production
/// environment so the real error and not-found pages are what the tests see. On first start the app
/// migrates the empty database and imports seeds/ by itself, exactly as it does for a new installation.
/// <para>
/// The database is a SQLite file, or, when FACTCHECK_TEST_DATABASE is "Postgres" (the test command's
/// second pass), a database of its own on the run's throwaway <see cref="PostgresServer"/>. Test classes
/// that pass on both carry <c>[Trait("Database", "Both")]</c>, which is what that pass selects.
/// </para>
/// </summary>
public class FactCheckAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "factcheck-tests", Guid.NewGuid().ToString("N"));

    private readonly Lazy<Uri> _baseAddress;

    private readonly string _databasePath;

    private readonly bool _ownsDatabase;

    public FactCheckAppFactory()
        : this(DefaultProvider)
    {
    }

    /// <summary>For a subclass that needs one provider whatever the pass (xunit fixtures have one public constructor).</summary>
    protected FactCheckAppFactory(TestDatabase database)
        : this(database, sharedConnectionString: null)
    {
    }

    /// <summary>
    /// A second instance of the site on another factory's database (<paramref name="sharedConnectionString"/>), which
    /// it neither creates nor deletes; null makes a database of its own, as the other constructors do.
    /// </summary>
    protected FactCheckAppFactory(TestDatabase database, string? sharedConnectionString)
    {
        Database = database;
        Directory.CreateDirectory(_dataDirectory);
        _databasePath = Path.Combine(_dataDirectory, "factcheck.db");
        _ownsDatabase = sharedConnectionString is null;
        ConnectionString = sharedConnectionString ?? (database == TestDatabase.Postgres
            ? PostgresServer.Shared.CreateDatabaseAsync().GetAwaiter().GetResult()
            : $"Data Source={_databasePath}");
        _baseAddress = new Lazy<Uri>(StartAndResolveAddress);
        UseKestrel(0);
    }

    /// <summary>The provider this run's factories use unless a test names one: FACTCHECK_TEST_DATABASE, else SQLite.</summary>
    public static TestDatabase DefaultProvider =>
        string.Equals(Environment.GetEnvironmentVariable("FACTCHECK_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? TestDatabase.Postgres
            : TestDatabase.Sqlite;

    public TestDatabase Database { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file; a test that reads it directly runs on SQLite only (no "Database" trait).</summary>
    public string DatabasePath => Database == TestDatabase.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : throw new InvalidOperationException("This test reads the SQLite file directly and cannot run on PostgreSQL; leave it out of the Postgres pass.");

    /// <summary>Where the started server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => _baseAddress.Value;

    /// <summary>An HTTP client for the real server that shows redirects instead of following them.</summary>
    public HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Runs a query against the app's own database through its own DbContext registration.</summary>
    public async Task<T> QueryAsync<T>(Func<FactCheckDbContext, Task<T>> query)
    {
        _ = BaseAddress;
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration): Program reads the connection string before Build().
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", Database == TestDatabase.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:FactCheck", ConnectionString);
        builder.UseSetting("Seeds:ImportOnEmptyDatabase", "true");
        builder.UseSetting("Logging:File:Path", string.Empty);
        // Keep test output readable: the app's start-up information is not what a failing test needs.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataDirectory();
        GC.SuppressFinalize(this);
    }

    private Uri StartAndResolveAddress()
    {
        StartServer();
        var server = Services.GetRequiredService<IServer>();
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without a listening address.");

        // Kestrel may report a wildcard host; a client needs a concrete loopback one.
        var uri = new UriBuilder(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("+", "127.0.0.1", StringComparison.Ordinal)
            .Replace("*", "127.0.0.1", StringComparison.Ordinal))
        {
            Path = "/",
        };
        return uri.Uri;
    }

    private void DeleteDataDirectory()
    {
        if (Database == TestDatabase.Postgres && _ownsDatabase)
        {
            PostgresServer.Shared.DropDatabaseAsync(ConnectionString).GetAwaiter().GetResult();
        }

        // Pooled connections keep the file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp folder left behind must not fail the run; the OS cleans /tmp.
        }
    }
}

public enum TestDatabase
{
    Sqlite,
    Postgres,
}
