using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Instances;
using FactCheck.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactCheck.BrowserTests;

/// <summary>
/// The verdict form in Chromium through Debian's nginx with the shipped docs/deployment/nginx.conf, in front of two
/// instances on one PostgreSQL database (docs/deployment.md): the circuit's WebSocket goes through nginx to the
/// instance that rendered the form, and an edit made over it is saved. On PostgreSQL whatever the pass, as deployed.
/// </summary>
[Trait("Database", "Postgres")]
public sealed class NginxDeskTests(NginxDeskTests.Deployment site) : IClassFixture<NginxDeskTests.Deployment>
{
    private const string Password = "a passphrase typed behind nginx";

    public sealed class Deployment : IAsyncLifetime
    {
        private IPlaywright? _playwright;

        public Instance First { get; } = new(sharedConnectionString: null);

        public Instance? Second { get; private set; }

        public NginxProxy? Nginx { get; private set; }

        public IBrowser? Browser { get; private set; }

        public async Task InitializeAsync()
        {
            try
            {
                _ = First.BaseAddress;
                Second = new Instance(First.ConnectionString);
                _ = Second.BaseAddress;
                Nginx = NginxProxy.Start(First.BaseAddress, Second.BaseAddress);
                if (!File.Exists(BrowserFixture.ChromiumPath))
                {
                    throw new InvalidOperationException($"{BrowserFixture.ChromiumPath} is missing; run tests/run-tests.sh, which installs Debian's chromium package.");
                }

                _playwright = await Playwright.CreateAsync();
                Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = BrowserFixture.ChromiumPath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
                });
            }
            catch
            {
                // A half-started deployment is stopped here: nginx and the instances must not outlive a failed start.
                await DisposeAsync();
                throw;
            }
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
                Browser = null;
            }

            _playwright?.Dispose();
            _playwright = null;
            Nginx?.Dispose();
            Nginx = null;
            if (Second is not null)
            {
                await Second.DisposeAsync();
                Second = null;
            }

            await First.DisposeAsync();
        }
    }

    /// <summary>An instance as deployed behind nginx: PostgreSQL, and nginx's X-Forwarded-For believed.</summary>
    public sealed class Instance(string? sharedConnectionString) : FactCheckAppFactory(TestDatabase.Postgres, sharedConnectionString)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies", "127.0.0.1");
        }
    }

    [Fact]
    public async Task An_editor_drafts_a_verdict_through_nginx_over_the_circuits_WebSocket_and_the_draft_is_saved()
    {
        var claim = await DeskClaims.CreateUnratedAsync(site.First, "nginx-browser");
        await using (var scope = site.First.Services.CreateAsyncScope())
        {
            var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("nginx-browser@example.org", Password, DeskRoles.Editor);
            Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
        }

        await using var context = await site.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.Nginx!.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var sockets = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);

        await page.GotoAsync($"/account/login?ReturnUrl={Uri.EscapeDataString(claim.VerdictPath)}");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("nginx-browser@example.org");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(claim.VerdictPath) + "$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        // The form marks itself live once its circuit runs; until then its controls do nothing.
        await page.Locator("form.verdict-form[data-live=true]").WaitForAsync();
        Assert.Contains(sockets, url => url.StartsWith(new UriBuilder(site.Nginx.BaseAddress) { Scheme = "ws" }.Uri.AbsoluteUri + "_blazor", StringComparison.Ordinal));

        // The preview is rendered on the server from what is typed: it changes only over the circuit.
        await page.GetByLabel("Rationale", new() { Exact = true }).FillAsync("Typed **through nginx**.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview" }).Locator("strong")).ToHaveTextAsync("through nginx");
        await page.GetByLabel("Rating", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Misleading" });
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Drafted behind nginx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Draft saved.");

        var stored = await site.First.QueryAsync(db => db.Verdicts.Where(v => v.ClaimId == claim.Id).Select(v => v.Headline).SingleAsync());
        Assert.Equal("Drafted behind nginx", stored);
    }
}
