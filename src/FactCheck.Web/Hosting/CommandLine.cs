namespace FactCheck.Web.Hosting;

/// <summary>
/// What the process was asked to do: serve the site (no command word) or run one command. An unknown word
/// is refused with the usage, before any host is built, so that a script that mistyped a command fails at
/// once instead of starting a web server that never returns. Failures end as one line on standard error and
/// a non-zero exit code, never as an unhandled exception with a stack trace.
/// </summary>
public static class CommandLine
{
    /// <summary>Exit code of a run refused for its arguments (as sysexits' EX_USAGE-style tools use 2).</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code of a command or start-up that failed.</summary>
    public const int FailureExitCode = 1;

    private static readonly (string Name, string Arguments, string Description)[] Commands =
    [
        ("seed", "", "import the archive in seeds/ into the database (migrating it first); running it again adds nothing twice"),
        ("migrate", "", "apply pending database migrations, then exit"),
        ("users", "add EMAIL --role editor|chief-editor", "add an editors' desk account; the password is read from standard input"),
        ("users", "token add EMAIL [--name LABEL]", "make a personal API token for the editors' API; printed alone on the last line, never shown again"),
        ("users", "token list EMAIL | token revoke PREFIX|TOKEN | token revoke EMAIL --all", "list or revoke API tokens"),
        ("candidates", "FILE", "print the quoted statements in FILE and who said them, one JSON object a line, with similar existing claims"),
        ("backup", "FILE|- [--include-secrets]", "write the whole database to one JSON file (- for standard output); password hashes only with --include-secrets"),
        ("restore", "FILE", "restore a backup into a new, empty database (migrating it first); refused if the database holds any row"),
    ];

    // Switches that take no value. Taken out before the host reads its configuration, where "--include-secrets"
    // would swallow the next argument as its value.
    private static readonly Dictionary<string, string[]> Switches = new(StringComparer.Ordinal)
    {
        ["backup"] = ["--include-secrets"],
        ["users"] = ["--all"],
    };

    public static string Usage { get; } = BuildUsage();

    /// <summary>
    /// Splits a leading command word from the arguments the host's configuration reads. A first argument
    /// that looks like configuration ("--urls x", "--Key=value", "Key=value", "/Key value") is not a command.
    /// </summary>
    public static Invocation Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].StartsWith('/') || args[0].Contains('=', StringComparison.Ordinal))
        {
            return args.Any(a => a is "--help" or "-h") ? new Invocation(null, args, Help: true) : new Invocation(null, args);
        }

        var word = args[0].ToLowerInvariant();
        if (word is "help")
        {
            return new Invocation(null, args[1..], Help: true);
        }

        if (!Commands.Any(c => c.Name == word))
        {
            return new Invocation(null, args[1..], Error: $"unknown command '{args[0]}'");
        }

        var switches = Switches.GetValueOrDefault(word, []);
        var rest = args[1..];
        return new Invocation(word, rest.Where(a => !switches.Contains(a)).ToArray()) { Switches = rest.Where(switches.Contains).ToHashSet(StringComparer.Ordinal) };
    }

    /// <summary>Prints the usage, with the reason it was refused when there is one.</summary>
    public static int ShowUsage(Invocation invocation)
    {
        if (invocation.Error is null)
        {
            Console.Out.Write(Usage);
            return 0;
        }

        Console.Error.WriteLine($"factcheck: {invocation.Error}");
        Console.Error.Write(Usage);
        return UsageExitCode;
    }

    /// <summary>
    /// Runs the process's work and turns any failure into one clear line on standard error and exit code 1
    /// (2 for bad arguments). In Development the stack trace follows, for the developer.
    /// </summary>
    public static async Task<int> RunGuardedAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (CommandLineException ex)
        {
            Console.Error.WriteLine($"factcheck: {ex.Message}");
            Console.Error.Write(Usage);
            return UsageExitCode;
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            // HostAbortedException is how WebApplicationFactory stops Program after Build(); it must pass.
            Console.Error.WriteLine($"factcheck: {OneLine(ex)}");
            if (IsDevelopment())
            {
                Console.Error.WriteLine(ex);
            }

            return FailureExitCode;
        }
    }

    private static string OneLine(Exception ex)
    {
        // The exception that says what went wrong is often the innermost (a TargetInvocationException wraps it).
        while (ex is System.Reflection.TargetInvocationException or AggregateException && ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        var lines = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines);
    }

    private static bool IsDevelopment() =>
        string.Equals(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase);

    private static string BuildUsage()
    {
        var width = Commands.Max(c => (c.Name + " " + c.Arguments).Length) + 2;
        var lines = new List<string>
        {
            "Usage: dotnet run --project src/FactCheck.Web -- [command] [options] [--Section:Key=value ...]",
            "",
            "Without a command, serves the site (default http://localhost:5000; --urls to change).",
            "",
            "Commands:",
        };
        lines.AddRange(Commands.Select(c => "  " + (c.Name + " " + c.Arguments).TrimEnd().PadRight(width) + c.Description));
        lines.Add("  help".PadRight(width + 2) + "show this text");
        lines.Add("");
        lines.Add("Any configuration key can be set as --Section:Key=value, e.g. --ConnectionStrings:FactCheck=\"Data Source=/srv/factcheck.db\".");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}

/// <summary>The parsed command line: a command word (null for the site) and the arguments for configuration.</summary>
public sealed record Invocation(string? Command, string[] HostArgs, string? Error = null, bool Help = false)
{
    public bool ShowsUsage => Help || Error is not null;

    /// <summary>The command's value-less switches that were given ("--include-secrets"), not in <see cref="HostArgs"/>.</summary>
    public IReadOnlySet<string> Switches { get; init; } = new HashSet<string>();

    /// <summary>A command's words before its options: "add", "EMAIL" of `users add EMAIL --role editor`; a lone "-" (standard output) is one.</summary>
    public IReadOnlyList<string> Operands =>
        Command is null ? [] : HostArgs.TakeWhile(a => a == "-" || (!a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal))).ToArray();

    /// <summary>Standard output carries the command's data, so the log must go to standard error.</summary>
    public bool WritesDataToStandardOutput => Command == "candidates" || (Command == "backup" && Operands is ["-"]);
}

/// <summary>A command's arguments are wrong; the message says which and how.</summary>
public sealed class CommandLineException : Exception
{
    public CommandLineException()
    {
    }

    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
