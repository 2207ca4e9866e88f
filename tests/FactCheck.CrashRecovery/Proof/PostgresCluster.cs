using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>
/// A PostgreSQL server of the proof run's own: initdb and pg_ctl in a temporary folder, on a free loopback port,
/// as the postgres user when the run is root (PostgreSQL refuses to run as root), the same approach as the test
/// project's PostgresServer. Unlike the test server it keeps PostgreSQL's durability settings (fsync and
/// synchronous_commit on): the crash run stops it with `pg_ctl stop -m immediate` and counts on every
/// acknowledged commit surviving that.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;
    private readonly string? _runAs;

    private PostgresCluster(string bin, string folder, int port, string? runAs)
    {
        _bin = bin;
        _folder = folder;
        _data = Path.Combine(folder, "data");
        Port = port;
        _runAs = runAs;
    }

    public int Port { get; }

    /// <summary>The server's maintenance database, as its superuser.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinDirectory();
        var folder = Directory.CreateTempSubdirectory("factcheck-proof-pg-").FullName;
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
        {
            await RunAsync("chown", ["-R", runAs, folder]);
        }

        var cluster = new PostgresCluster(bin, folder, FreePort(), runAs);
        await cluster.RunPostgresAsync("initdb", ["-D", cluster._data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>A connection string to <paramref name="database"/> on this server. Pools are per process: each site instance has its own.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 40 }.ConnectionString;

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
#pragma warning disable CA2100 // The name is the run's own constant.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task StartServerAsync() =>
        RunPostgresAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "120",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"]);

    /// <summary>`pg_ctl stop -m immediate`: the server quits without a checkpoint, as a power cut would leave it; the next start replays the WAL.</summary>
    public Task StopImmediateAsync() => RunPostgresAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPostgresAsync("pg_ctl", ["-D", _data, "-m", "fast", "-w", "stop"]);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"PostgresCluster: stop: {e.Message}");
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind must not fail a run; the OS cleans /tmp.
        }
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
            "PostgreSQL's initdb and pg_ctl were not found (PATH, /usr/lib/postgresql/*/bin): apt-get install -y postgresql-15.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, program);
        return _runAs is null ? RunAsync(path, arguments) : RunAsync("runuser", ["-u", _runAs, "--", path, .. arguments]);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
