using System.Collections.Concurrent;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The real site on its own empty archive (accounts need no claims, and a fresh database has no account yet),
/// with every log line kept so a test can read the setup link the way an operator reads the console.
/// </summary>
public class AccountAppFactory : FactCheckAppFactory
{
    private readonly LogSink _log = new();

    /// <summary>Sign-in posts allowed per address and minute: the tests all come from 127.0.0.1.</summary>
    protected virtual int SignInAttemptsPerMinute => 1000;

    public IEnumerable<string> LogLines => _log.Lines;

    /// <summary>Adds an account through the application's own service; null role makes one with no role.</summary>
    public async Task AddUserAsync(string email, string password, string? role)
    {
        _ = BaseAddress;
        await using var scope = Services.CreateAsyncScope();
        if (role is not null)
        {
            var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, password, role);
            Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
            return;
        }

        var created = await scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>()
            .CreateAsync(new EditorUser { UserName = email, Email = email }, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:ImportOnEmptyDatabase", "false");
        builder.UseSetting("Account:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The site's Serilog logger reads extra sinks from the services.
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(_log));
    }

    private sealed class LogSink : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public void Emit(LogEvent logEvent) => _lines.Enqueue(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A site that allows three sign-in posts a minute, to see the fourth refused.</summary>
public sealed class StrictSignInAppFactory : AccountAppFactory
{
    protected override int SignInAttemptsPerMinute => 3;
}

/// <summary>Accounts on the seeded archive: the desk needs claims and evidence to work on.</summary>
public sealed class DeskAppFactory : AccountAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seeds:ImportOnEmptyDatabase", "true");
    }
}
