using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace FactCheck.Tests.Instances;

/// <summary>
/// Debian's nginx running the shipped <c>docs/deployment/nginx.conf</c> in a temporary prefix, in front of two
/// instances. The file is read as it ships and only its two upstream addresses and its port are replaced, so a
/// change that breaks the shipped configuration breaks the test.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    /// <summary>The shipped file's placeholders, each as the deployment page tells an operator to edit it.</summary>
    private const string FirstServer = "server 127.0.0.1:5001;";

    private const string SecondServer = "server 127.0.0.1:5002;";

    private const string Listen = "listen 8080;";

    private readonly Process _process;

    private readonly string _prefix;

    private readonly Task<string> _output;

    private NginxProxy(Process process, string prefix, int port, Task<string> output)
    {
        _process = process;
        _prefix = prefix;
        _output = output;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>nginx's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "logs", "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "logs", "error.log")) : "";

    /// <summary>The configuration as it ships in the repository.</summary>
    public static string ShippedConfigurationPath
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "docs", "deployment", "nginx.conf");
                if (File.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "FactCheck.sln")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException($"docs/deployment/nginx.conf was not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Starts nginx in front of <paramref name="first"/> and <paramref name="second"/> and waits until it accepts connections.</summary>
    public static NginxProxy Start(Uri first, Uri second)
    {
        if (!File.Exists(NginxPath))
        {
            // Never a silent skip: a machine without nginx would otherwise pass without testing the configuration.
            throw new InvalidOperationException(
                $"{NginxPath} is missing, so the shipped nginx configuration cannot be tested. tests/run-tests.sh installs Debian's nginx package; or: apt-get install nginx");
        }

        var port = FreePort();
        var prefix = Directory.CreateTempSubdirectory("factcheck-nginx-").FullName;

        // Run as root, nginx's workers run as nobody, which must reach the temporary files' folders in the prefix.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(prefix, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        Directory.CreateDirectory(Path.Combine(prefix, "temp"));
        var configuration = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(configuration, Render(File.ReadAllText(ShippedConfigurationPath), first, second, port));

        var start = new ProcessStartInfo(NginxPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        // -e: the error log before the configuration is read; Debian's default, /var/log/nginx, may not be writable.
        foreach (var argument in (string[])["-c", configuration, "-p", prefix + "/", "-e", Path.Combine(prefix, "logs", "error.log"), "-g", "daemon off;"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{NginxPath} did not start.");
        }
        catch
        {
            Directory.Delete(prefix, recursive: true);
            throw;
        }

        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync())
            .ContinueWith(t => string.Concat(t.Result), TaskScheduler.Default);
        var proxy = new NginxProxy(process, prefix, port, output);
        try
        {
            proxy.WaitUntilListening(port);
        }
        catch
        {
            proxy.Dispose();
            throw;
        }

        return proxy;
    }

    /// <summary>The shipped text with the two upstream addresses and the port replaced; refused if the placeholders moved.</summary>
    public static string Render(string shipped, Uri first, Uri second, int port)
    {
        // Both upstreams (readers and desk) name both instances.
        Require(shipped, FirstServer, 2);
        Require(shipped, SecondServer, 2);
        Require(shipped, Listen, 1);
        return shipped
            .Replace(FirstServer, $"server 127.0.0.1:{first.Port};", StringComparison.Ordinal)
            .Replace(SecondServer, $"server 127.0.0.1:{second.Port};", StringComparison.Ordinal)
            .Replace(Listen, $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM is nginx's fast shutdown; a graceful one (SIGQUIT) would wait for open WebSockets.
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                term.WaitForExit();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit();
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_prefix, recursive: true);
            }
            catch (IOException)
            {
                // A folder left in /tmp must not fail the run.
            }
        }
    }

    private static void Require(string shipped, string line, int times)
    {
        var found = Regex.Count(shipped, "^\\s*" + Regex.Escape(line) + "\\s*$", RegexOptions.Multiline);
        if (found != times)
        {
            throw new InvalidOperationException(
                $"docs/deployment/nginx.conf has '{line}' {found} times, not {times}: the deployment page tells operators to edit those lines, and this test replaces them.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening(int port)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {_output.Result}{ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (limit.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(50);
            }
        }
    }
}
