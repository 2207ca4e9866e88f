using FactCheck.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The real site on real Kestrel (a free port, plain HTTP) over its own SQLite file, in the Production
/// environment so the real error and not-found pages are what the tests see. On first start the app
/// migrates the empty database and imports seeds/ by itself, exactly as it does for a new installation.
/// </summary>
public class FactCheckAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "factcheck-tests", Guid.NewGuid().ToString("N"));

    private readonly Lazy<Uri> _baseAddress;

    public FactCheckAppFactory()
    {
        Directory.CreateDirectory(_dataDirectory);
        DatabasePath = Path.Combine(_dataDirectory, "factcheck.db");
        _baseAddress = new Lazy<Uri>(StartAndResolveAddress);
        UseKestrel(0);
    }

    public string DatabasePath { get; }

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
        builder.UseSetting("ConnectionStrings:FactCheck", $"Data Source={DatabasePath}");
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
