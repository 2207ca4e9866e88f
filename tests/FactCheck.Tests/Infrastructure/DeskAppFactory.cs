using System.Net;
using FactCheck.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The real site with the seeded archive and desk accounts: the editors' pages need both claims to work on
/// and someone signed in to work on them.
/// </summary>
public class DeskAppFactory : FactCheckAppFactory
{
    public const string Password = "a long enough passphrase for tests";

    public DeskAppFactory()
    {
    }

    /// <summary>The site with desk accounts on the pass's provider, on another factory's database when one is given.</summary>
    protected DeskAppFactory(TestDatabase database, string? sharedConnectionString)
        : base(database, sharedConnectionString)
    {
    }

    /// <summary>Adds an account with a role through the application's own service.</summary>
    public async Task AddUserAsync(string email, string role)
    {
        _ = BaseAddress;
        await using var scope = Services.CreateAsyncScope();
        var (user, problems) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(email, Password, role);
        Assert.True(user is not null, string.Join(" ", problems.Select(p => p.Text)));
    }

    /// <summary>A browser session signed in through the sign-in form.</summary>
    public async Task<FormSession> SignInAsync(string email, string password = Password)
    {
        var session = new FormSession(BaseAddress);
        using var response = await session.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, "Sign in");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return session;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // Every test signs in from 127.0.0.1; the per-address limit is not what these tests are about.
        builder.UseSetting("Account:SignInAttemptsPerMinute", "1000");
    }
}
