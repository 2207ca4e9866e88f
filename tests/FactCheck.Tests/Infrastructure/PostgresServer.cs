using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb and pg_ctl in a temporary folder, on a free
/// loopback port, as the postgres user when the run is root (PostgreSQL refuses to run as root). Started
/// on first use, once per test process, and stopped with it. Each app factory takes a database of its own
/// (<see cref="CreateDatabaseAsync"/>), so tests never share rows. FACTCHECK_TEST_POSTGRES, a connection
/// string to a server someone else runs, skips the start.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> SharedServer = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    /// <summary>The run's server, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>A connection string to the server's maintenance database, as its superuser.</summary>
    public string AdminConnectionString => _adminConnectionString;

    /// <summary>An empty database of its own; the connection string names it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "factcheck")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable("FACTCHECK_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresServer(given);
        }

        var bin = FindBinDirectory();
        var folder = Directory.CreateTempSubdirectory("factcheck-pg-").FullName;
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            Run("chown", ["-R", runAs, folder]);
        }

        var data = Path.Combine(folder, "data");
        var port = FreePort();
        RunPostgres(runAs, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);

        // fsync off: a test server's data is thrown away, and the crash tests that care run their own.
        RunPostgres(runAs, Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPostgres(runAs, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // The folder is in /tmp; a server that would not stop is reported but does not fail the run.
                Console.Error.WriteLine($"PostgresServer: could not clean up {folder}: {e.Message}");
            }
        };

        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50");
    }

    /// <summary>Debian puts the server's programs in /usr/lib/postgresql/&lt;version&gt;/bin, off the PATH.</summary>
    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        return onPath ?? debian ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl were not found (PATH, /usr/lib/postgresql/*/bin). tests/run-tests.sh installs Debian's postgresql package; " +
            "or set FACTCHECK_TEST_POSTGRES to a connection string for a server of your own.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPostgres(string? runAs, string program, IReadOnlyList<string> arguments)
    {
        if (runAs is null)
        {
            Run(program, arguments);
        }
        else
        {
            Run("runuser", ["-u", runAs, "--", program, .. arguments]);
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }
}
