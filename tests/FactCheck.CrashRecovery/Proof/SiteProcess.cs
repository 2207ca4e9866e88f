using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>
/// The real application (FactCheck.Web.dll, built beside this assembly) as a child process: a site instance on a
/// loopback port of its own, or a one-shot command (`users add`, `users token add`, `seed`). Killed with SIGKILL.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private static readonly string AppPath = Path.Combine(AppContext.BaseDirectory, "FactCheck.Web.dll");
    private static readonly string Dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private SiteProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        _process.OutputDataReceived += (_, e) => Receive(e.Data, standardOutput: true);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data, standardOutput: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public bool HasExited => _process.HasExited;

    /// <summary>The last 20,000 characters the process wrote, for a failure message.</summary>
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

    /// <summary>Starts a site instance on a free port; <see cref="WaitUntilServingAsync"/> waits for it.</summary>
    public static SiteProcess StartSite(IReadOnlyList<string> databaseArguments, int? port = null)
    {
        var chosen = port ?? FreePort();
        return Start([
            "--urls", $"http://127.0.0.1:{chosen}",
            .. databaseArguments,
            "--Seeds:ImportOnEmptyDatabase=true",

            // Request logging at Warning: a per-request line for thousands of requests would measure the console.
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware=Warning",
        ], chosen, redirectInput: false);
    }

    /// <summary>Runs a command to its end, with <paramref name="input"/> on standard input when given; returns exit code and standard output.</summary>
    public static async Task<(int ExitCode, string StandardOutput, string Output)> RunCommandAsync(IReadOnlyList<string> databaseArguments, string? input, params string[] command)
    {
        using var child = Start([.. command, .. databaseArguments], 0, redirectInput: input is not null);
        if (input is not null)
        {
            await child._process.StandardInput.WriteAsync(input);
            child._process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await child._process.WaitForExitAsync(timeout.Token);

        // WaitForExit with no timeout also waits for the redirected streams' last lines.
        child._process.WaitForExit();
        string standardOutput;
        lock (child._output)
        {
            standardOutput = child._standardOutput.ToString();
        }

        return (child._process.ExitCode, standardOutput, child.Output);
    }

    /// <summary>Waits until / answers 200; false when the process exited or <paramref name="limit"/> passed.</summary>
    public async Task<bool> WaitUntilServingAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !_process.HasExited)
        {
            try
            {
                using var home = await http.GetAsync("/");
                if (home.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow (a start's migration or import holds it).
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>SIGKILL: no handler, no finally block, no flush runs. Returns once the process is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static SiteProcess Start(string[] arguments, int port, bool redirectInput)
    {
        if (!File.Exists(AppPath))
        {
            throw new InvalidOperationException($"{AppPath} not found: build the solution first.");
        }

        var start = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return new SiteProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Receive(string? line, bool standardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 40_000)
            {
                _output.Remove(0, _output.Length - 20_000);
            }

            if (standardOutput)
            {
                _standardOutput.AppendLine(line);
            }
        }
    }
}
