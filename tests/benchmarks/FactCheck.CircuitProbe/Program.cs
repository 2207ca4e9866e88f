using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FactCheck.CircuitProbe;

/// <summary>
/// Signs editors in with Chromium, opens their verdict forms and keeps the forms' circuits idle while
/// measure-circuit.sh weighs the server. The script drives it line by line on standard input, so that it can
/// measure between the steps:
/// <list type="bullet">
/// <item>`signin K`: K more editors sign in (a browser context each, so a session each, as K editors at K desks)
/// and wait on the desk's start page, which is static: signed in, no circuit yet. Answers `SIGNED total`.</item>
/// <item>`open`: every signed-in editor without a form opens a verdict form (the claims in turn); answers
/// `LIVE total` once every form is connected (its `data-live` is true, as the browser tests wait for it).</item>
/// <item>`leave`: every form's page goes back to the static start page, which ends its circuit (the Blazor script
/// sends its disconnect beacon on unload); the editors stay signed in there, and a later `open` leaves them be.
/// Answers `LEFT`.</item>
/// <item>`quit` or the end of input: closes the browser and exits 0.</item>
/// </list>
/// Signing in and opening are separate steps so that the script can weigh the server with N editors signed in and
/// no circuit, then with the same N and a circuit each: the difference is the circuits' alone, not the sign-ins'.
/// Answers go to standard output alone; progress and errors to standard error. Any failure exits 1.
/// </summary>
public static class Program
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            await Console.Error.WriteLineAsync($"circuit-probe: {e.Message}");
            await Console.Error.WriteLineAsync("usage: FactCheck.CircuitProbe --base-url URL --email EMAIL --password-file FILE --verdict-paths P1,P2,... [--start-path PATH] [--parallel N]");
            return 2;
        }

        try
        {
            await RunAsync(options);
            return 0;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"circuit-probe: {e.Message}");
            return 1;
        }
    }

    private static async Task RunAsync(Options options)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });

        var idle = new List<IPage>();
        var live = new List<IPage>();
        var left = new List<IPage>();
        var opened = 0;
        while (await Console.In.ReadLineAsync() is { } line)
        {
            switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                case ["signin", var countText] when int.TryParse(countText, out var count) && count > 0:
                    idle.AddRange(await SignInAsync(browser, options, idle.Count + live.Count + left.Count, count));
                    Answer($"SIGNED {idle.Count + live.Count + left.Count}");
                    break;
                case ["open"]:
                    var first = opened;
                    await ForEachAsync(idle.Select((page, i) => (page, path: options.VerdictPaths[(first + i) % options.VerdictPaths.Count])).ToList(), options.Parallel, OpenFormAsync);
                    opened += idle.Count;
                    live.AddRange(idle);
                    idle.Clear();
                    Answer($"LIVE {live.Count}");
                    break;
                case ["leave"]:
                    await ForEachAsync(live, options.Parallel, page => page.GotoAsync(options.StartPath, new() { WaitUntil = WaitUntilState.DOMContentLoaded }));
                    // Kept open and signed in, but not among those the next `open` opens: the warm-up editor's page
                    // must not become a circuit of the measured N.
                    left.AddRange(live);
                    live.Clear();
                    Answer("LEFT");
                    break;
                case ["quit"]:
                    return;
                case []:
                    break;
                default:
                    throw new InvalidOperationException($"unknown command '{line}'; expected signin K, open, leave or quit");
            }
        }
    }

    private static async Task<IReadOnlyList<IPage>> SignInAsync(IBrowser browser, Options options, int before, int count)
    {
        var pages = new IPage[count];
        await ForEachAsync(Enumerable.Range(0, count).ToList(), options.Parallel, async i =>
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = options.BaseUrl });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(options.StartPath)}");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync(options.Email);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(options.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(new Regex(Regex.Escape(options.StartPath) + "$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
            }
            catch (TimeoutException e)
            {
                // Say where the browser ended up: a sign-in that fails shows why on the page it stays on.
                throw new InvalidOperationException($"signing in stayed at {page.Url}: {await page.Locator("main").InnerTextAsync()}", e);
            }

            pages[i] = page;
            await Console.Error.WriteLineAsync($"circuit-probe: editor {before + i + 1} signed in");
        });
        return pages;
    }

    /// <summary>As the browser tests wait (VerdictDeskTests.SignInAsync): until the form's circuit is live its controls do nothing.</summary>
    private static async Task OpenFormAsync((IPage Page, string Path) form)
    {
        await form.Page.GotoAsync(form.Path, new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        await form.Page.Locator("form.verdict-form[data-live=true]").WaitForAsync(new() { Timeout = 60_000 });
        await Console.Error.WriteLineAsync($"circuit-probe: a verdict form is live at {form.Path}");
    }

    /// <summary>A few at a time: twenty Chromium pages loading at once on two shared cores time out rather than finish sooner.</summary>
    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallel, Func<T, Task> action)
    {
        using var gate = new SemaphoreSlim(parallel);
        await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await action(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static void Answer(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private sealed record Options(string BaseUrl, string Email, string Password, IReadOnlyList<string> VerdictPaths, string StartPath, int Parallel)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
                }

                values[args[i][2..]] = args[i + 1];
            }

            string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0
                ? value
                : throw new ArgumentException($"--{name} is required");

            // From a file, never the command line, where ps would show it.
            var password = File.ReadAllText(Required("password-file")).TrimEnd('\r', '\n');
            var paths = Required("verdict-paths").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var parallel = values.TryGetValue("parallel", out var p) ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 4;
            return new Options(Required("base-url"), Required("email"), password, paths, values.GetValueOrDefault("start-path", "/editor"), Math.Max(1, parallel));
        }
    }
}
