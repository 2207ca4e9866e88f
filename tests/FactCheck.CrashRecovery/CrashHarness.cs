using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FactCheck.CrashRecovery;

/// <summary>
/// Runs the real application (FactCheck.Web.dll, as built beside this assembly) or the archive generator
/// (FactCheck.ArchiveGenerator.dll) as a child process over a database file of its own, kills it with SIGKILL
/// at a chosen moment, and checks what a later start finds: the crash tests and the 100-kill reliability
/// command share it.
/// </summary>
public sealed class CrashHarness : IDisposable
{
    /// <summary>
    /// How long a start or command may take before it counts as hung (the bug this guards against: a wait on a
    /// lock that never ends). Generous, because on two busy cores a `seed` of the five documents took 53 s of
    /// wall clock for 7 s of CPU, and the test suite runs several such processes at once.
    /// </summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(180);

    private readonly string _appPath = Path.Combine(AppContext.BaseDirectory, "FactCheck.Web.dll");
    private readonly string _generatorPath = Path.Combine(AppContext.BaseDirectory, "FactCheck.ArchiveGenerator.dll");
    private readonly string _dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public CrashHarness()
    {
        foreach (var path in new[] { _appPath, _generatorPath })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{path} not found: build the solution first.");
            }
        }

        Directory = Path.Combine(Path.GetTempPath(), "factcheck-crash", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The temp folder that holds this harness's database files.</summary>
    public string Directory { get; }

    /// <summary>A new, not yet created database file in <see cref="Directory"/>.</summary>
    public string NewDatabasePath(string name) => Path.Combine(Directory, name + ".db");

    /// <summary>
    /// Runs a command (seed, migrate ...) to its end and returns its exit code and output. The database
    /// connection string is added last, so it wins over one in <paramref name="command"/>.
    /// </summary>
    public async Task<ChildResult> RunAsync(string databasePath, params string[] command)
    {
        using var child = Start(databasePath, command);
        var exited = await child.WaitForExitAsync(HangLimit);
        return new ChildResult(exited ? child.ExitCode : null, child.Output, child.Errors, child.StandardOutput);
    }

    /// <summary>Runs the archive generator to its end with <paramref name="options"/> (--claims N ...); --database is added last.</summary>
    public async Task<ChildResult> GenerateAsync(string databasePath, params string[] options)
    {
        using var child = StartGenerator(databasePath, options);
        var exited = await child.WaitForExitAsync(HangLimit);
        return new ChildResult(exited ? child.ExitCode : null, child.Output, child.Errors);
    }

    /// <summary>Starts the archive generator and kills it with SIGKILL at <paramref name="moment"/>, as <see cref="StartAndKillAsync"/> does the site.</summary>
    public async Task<KillResult> GenerateAndKillAsync(string databasePath, KillMoment moment, params string[] options)
    {
        using var child = StartGenerator(databasePath, [.. options, .. moment.GeneratorArguments]);
        var reached = await child.WaitForAsync(moment, HangLimit);
        child.Kill();
        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return new KillResult(reached && child.KilledWhileRunning, child.Output);
    }

    /// <summary>Runs a command to its end with <paramref name="input"/> on its standard input, as a script piping a password would.</summary>
    public async Task<ChildResult> RunWithInputAsync(string databasePath, string input, params string[] command)
    {
        using var child = Start(databasePath, command, redirectInput: true);
        await child.WriteInputAsync(input);
        var exited = await child.WaitForExitAsync(HangLimit);
        return new ChildResult(exited ? child.ExitCode : null, child.Output, child.Errors, child.StandardOutput);
    }

    /// <summary>
    /// Starts a command or the site and kills it with SIGKILL at <paramref name="moment"/>. Returns what the
    /// process had written, and whether the kill came before it finished by itself.
    /// </summary>
    public async Task<KillResult> StartAndKillAsync(string databasePath, KillMoment moment, params string[] command)
    {
        using var child = Start(databasePath, [.. command, .. moment.SiteArguments]);
        var reached = await child.WaitForAsync(moment, HangLimit);
        child.Kill();
        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));
        return new KillResult(reached && child.KilledWhileRunning, child.Output);
    }

    /// <summary>
    /// Starts the site on a free port, waits for the home page and a claim page to answer 200, then stops it.
    /// Null when it did; otherwise what went wrong, with the site's output.
    /// </summary>
    public async Task<string?> SiteAnswersAsync(string databasePath)
    {
        var port = FreePort();
        using var child = Start(databasePath, ["--urls", $"http://127.0.0.1:{port}"]);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
        var deadline = Stopwatch.StartNew();
        string? lastProblem = null;
        while (deadline.Elapsed < HangLimit)
        {
            if (child.HasExited)
            {
                return $"the site exited with code {child.ExitCode} before it answered:\n{child.Output}";
            }

            try
            {
                using var home = await http.GetAsync("/");
                if (home.StatusCode == HttpStatusCode.OK)
                {
                    using var claims = await http.GetAsync("/claims");
                    var body = await claims.Content.ReadAsStringAsync();
                    child.Kill();
                    return claims.StatusCode == HttpStatusCode.OK && body.Contains("/claims/", StringComparison.Ordinal)
                        ? null
                        : $"/claims answered {(int)claims.StatusCode} without a claim link";
                }

                lastProblem = $"/ answered {(int)home.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                lastProblem = ex.Message;
            }

            await Task.Delay(200);
        }

        child.Kill();
        return $"the site did not answer within {HangLimit.TotalSeconds:0} s ({lastProblem}):\n{child.Output}";
    }

    private static readonly string[] RunStateTables = ["DataProtectionKeys", "CacheEvictions"];

    /// <summary>Every table's row count and SQLite's own checks of the file and of the full-text indexes.</summary>
    public static DatabaseState Inspect(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        var integrity = Strings(connection, "PRAGMA integrity_check");
        var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        var virtualTables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            // An FTS5 table's shadow tables hold its segments, whose layout depends on merge history, not content.
            // The key ring and eviction notices depend on which commands ran the site, not on the archive.
            if (virtualTables.Any(v => table.StartsWith(v + "_", StringComparison.Ordinal)) || RunStateTables.Contains(table))
            {
                continue;
            }

            counts[table] = table == "sqlite_sequence"
                ? Scalar(connection, $"SELECT COUNT(*) FROM sqlite_sequence WHERE name NOT IN ({string.Join(", ", RunStateTables.Select(t => $"'{t}'"))})")
                : Scalar(connection, $"SELECT COUNT(*) FROM \"{table}\"");
        }

        var problems = integrity.Count == 1 && integrity[0] == "ok" ? new List<string>() : integrity.Select(i => "integrity_check: " + i).ToList();
        foreach (var index in virtualTables)
        {
            try
            {
                Execute(connection, $"INSERT INTO \"{index}\"(\"{index}\") VALUES('integrity-check')");
            }
            catch (SqliteException ex)
            {
                problems.Add($"{index}: {ex.Message}");
            }
        }

        return new DatabaseState(counts, problems);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind must not fail a run; the OS cleans /tmp.
        }
    }

    private Child Start(string databasePath, string[] arguments, bool redirectInput = false) =>
        StartDll(_appPath, [
            .. arguments,
            $"--ConnectionStrings:FactCheck=Data Source={databasePath}",

            // EF Core's "Applying migration" lines mark the moment inside the migrations.
            "--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Migrations=Information",
        ], redirectInput);

    private Child StartGenerator(string databasePath, string[] options) => StartDll(_generatorPath, [.. options, "--database", databasePath], redirectInput: false);

    private Child StartDll(string dll, string[] arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(_dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new Child(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

#pragma warning disable CA2100 // Table names come from sqlite_master of a file this harness created.
    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
#pragma warning restore CA2100

    /// <summary>A running child process and everything it has written, stdout and stderr interleaved.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _errors = new();
        private readonly StringBuilder _standardOutput = new();
        private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

        public Child(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Receive(e.Data, error: false);
            _process.ErrorDataReceived += (_, e) => Receive(e.Data, error: true);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        /// <summary>
        /// Whether a kill of ours reached the process while it ran. Kept, not asked again after the kill: the
        /// output thread kills on the line, and by the time the caller looks the process may be gone.
        /// </summary>
        public bool KilledWhileRunning { get; private set; }

        /// <summary>Writes the text and closes standard input, so a reader sees the end of it.</summary>
        public async Task WriteInputAsync(string input)
        {
            await _process.StandardInput.WriteAsync(input);
            _process.StandardInput.Close();
        }

        public int ExitCode => _process.ExitCode;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>Standard output alone: what a pipeline reading the command's data sees.</summary>
        public string StandardOutput
        {
            get
            {
                lock (_output)
                {
                    return _standardOutput.ToString();
                }
            }
        }

        /// <summary>Standard error alone.</summary>
        public string Errors
        {
            get
            {
                lock (_output)
                {
                    return _errors.ToString();
                }
            }
        }

        /// <summary>Waits for the moment; false when the process ended or the time ran out first.</summary>
        public async Task<bool> WaitForAsync(KillMoment moment, TimeSpan limit)
        {
            if (moment.KillLine is not { } killLine)
            {
                await Task.Delay(moment.Delay);
                return !_process.HasExited;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_output)
            {
                if (_output.ToString().Contains(killLine, StringComparison.Ordinal))
                {
                    return !_process.HasExited;
                }

                _waits.Add((killLine, seen));
            }

            // Seen, not first: the kill on the line ends the process, so its exit can complete alongside.
            await Task.WhenAny(seen.Task, _process.WaitForExitAsync(), Task.Delay(limit));
            return seen.Task.IsCompleted;
        }

        public async Task<bool> WaitForExitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                Kill();
                return false;
            }
        }

        /// <summary>SIGKILL on Unix: no handler, no finally block, no flush runs. True when it was still running.</summary>
        public bool Kill()
        {
            try
            {
                if (_process.HasExited)
                {
                    return false;
                }

                _process.Kill(entireProcessTree: true);
                KilledWhileRunning = true;
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Receive(string? line, bool error)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
                (error ? _errors : _standardOutput).AppendLine(line);

                foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    // Killed from the output thread, the moment the line arrives: the child is still at that point.
                    Kill();
                    wait.Seen.TrySetResult();
                    _waits.Remove(wait);
                }
            }
        }
    }
}

/// <summary>When to kill: after a delay from the start, or as soon as the process logs a line containing a text.</summary>
public sealed record KillMoment(string Name, TimeSpan Delay, string? LogLine, string[] ExtraArguments, bool PausesAtLine = false)
{
    public static KillMoment After(TimeSpan delay) =>
        new(string.Create(CultureInfo.InvariantCulture, $"after {delay.TotalMilliseconds:0} ms"), delay, null, []);

    public static KillMoment OnLog(string name, string logLine, params string[] extraArguments) => new(name, TimeSpan.Zero, logLine, extraArguments);

    /// <summary>
    /// What the site's and the generator's PauseAfterLogSink write to standard error, followed by the text, once the
    /// process is held at the line (PauseAfterLogSink.PausedMarker, the same words in both).
    /// </summary>
    public const string PausedMarker = "Paused here for a crash test, after a line containing: ";

    /// <summary>
    /// Kills at the line, with the process held there (the site's Testing:PauseAfterLog, the generator's
    /// --pause-after-log). For a moment whose remaining work can finish before a kill sent on reading the line
    /// arrives: without the hold, such a test sometimes finds the process already gone, or past the state it
    /// meant to leave. The kill waits for the process to say it is held (<see cref="PausedMarker"/>), not for the
    /// line: a hold that failed to match once let a kill "during the second migration" land after EF Core had
    /// removed its lock row. Should the hold not match, the process runs on and the test fails every time.
    /// </summary>
    public static KillMoment PausedAt(string name, string logLine) => new(name, TimeSpan.Zero, logLine, [], PausesAtLine: true);

    /// <summary>The output line whose arrival sends the kill.</summary>
    public string? KillLine => PausesAtLine ? PausedMarker + LogLine : LogLine;

    /// <summary>The site's arguments for this moment.</summary>
    public string[] SiteArguments => PausesAtLine ? [.. ExtraArguments, $"--Testing:PauseAfterLog={LogLine}"] : ExtraArguments;

    /// <summary>The generator's arguments for this moment.</summary>
    public string[] GeneratorArguments => PausesAtLine ? [.. ExtraArguments, "--pause-after-log", LogLine!] : ExtraArguments;

    public override string ToString() => Name;
}

/// <summary>How a child process ended (null: it hung and was killed), all it wrote, and its standard error and output alone.</summary>
public sealed record ChildResult(int? ExitCode, string Output, string Errors, string StandardOutput = "")
{
    public bool Hung => ExitCode is null;
}

public sealed record KillResult(bool KilledWhileRunning, string Output);

public sealed record DatabaseState(SortedDictionary<string, long> RowCounts, List<string> Problems)
{
    public bool Intact => Problems.Count == 0;

    /// <summary>
    /// Filled by the site's background refresher after a start, when it gets to them: a site that answered may have
    /// stored some or none, and a `seed` run never does (docs/decisions/similar-claims-on-write.md).
    /// </summary>
    private static readonly HashSet<string> ComputedInTheBackground = ["SimilarClaimSets", "SimilarClaimSuggestions"];

    /// <summary>The tables whose row counts differ from <paramref name="expected"/>, as "table: actual (expected n)".</summary>
    public List<string> DifferencesFrom(DatabaseState expected) =>
        expected.RowCounts.Keys.Union(RowCounts.Keys)
            .Where(t => !ComputedInTheBackground.Contains(t))
            .Where(t => expected.RowCounts.GetValueOrDefault(t, -1) != RowCounts.GetValueOrDefault(t, -1))
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t}: {RowCounts.GetValueOrDefault(t, -1)} (expected {expected.RowCounts.GetValueOrDefault(t, -1)})"))
            .ToList();
}
