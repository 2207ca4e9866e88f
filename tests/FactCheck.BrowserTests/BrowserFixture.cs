using FactCheck.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>
/// The site on real Kestrel over a fresh SQLite file, and Debian's Chromium driven by Playwright.
/// Playwright cannot download its own browsers on this network, so the system Chromium is launched
/// directly (tests/run-tests.sh installs it where missing).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public FactCheckAppFactory App { get; } = new BrowserAppFactory();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been launched.");

    public Uri BaseAddress => App.BaseAddress;

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress;
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run tests/run-tests.sh, which installs Debian's chromium package.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>
/// The site the browser tests share. Every sign-in comes from 127.0.0.1, and the desk's tests sign in a dozen
/// editors within a minute: the per-address limit (tested on its own in SignInRateLimitTests) would answer
/// some of them 429 depending on how fast the run goes.
/// </summary>
public sealed class BrowserAppFactory : FactCheckAppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Account:SignInAttemptsPerMinute", "1000");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
