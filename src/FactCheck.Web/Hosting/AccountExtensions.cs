using System.Threading.RateLimiting;
using FactCheck.Data;
using FactCheck.Data.Identity;
using FactCheck.Data.Entities;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Desk.Audit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Hosting;

/// <summary>
/// Editors' accounts: ASP.NET Core Identity over the site's own database, a sign-in cookie, the desk's roles,
/// lockout and a per-address limit on sign-in attempts. Readers never sign in and never get a cookie from
/// any of this. See docs/decisions/accounts-and-sign-in.md.
/// </summary>
public static class AccountExtensions
{
    /// <summary>The policy every editor page and endpoint requires: the editor or the chief editor role.</summary>
    public const string DeskPolicy = "desk";

    /// <summary>Pages only a chief editor may see: the audit log (and, later, publishing and managing users).</summary>
    public const string ChiefEditorPolicy = "chief-editor";

    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";

    public static WebApplicationBuilder AddFactCheckAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<EditorUser>(options =>
            {
                options.User.RequireUniqueEmail = true;

                // Length and the breached list only (ASVS 5.0 6.2): composition rules make passwords weaker in practice.
                options.Password.RequiredLength = PasswordRules<EditorUser>.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FactCheckDbContext>()
            .AddSignInManager()
            .AddPasswordValidator<PasswordRules<EditorUser>>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = LogoutPath;
            options.Cookie.HttpOnly = true;

            // Lax, not Strict: a link to /editor from the newsroom's chat still arrives signed in; every change is
            // a POST with an antiforgery token, which Lax does not send cross-site anyway.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // A signed-in user without the role gets the site's own 403 page rather than a redirect to nowhere.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DeskPolicy, policy => policy.RequireRole(DeskRoles.Editor, DeskRoles.ChiefEditor))
            .AddPolicy(ChiefEditorPolicy, policy => policy.RequireRole(DeskRoles.ChiefEditor));

        var attemptsPerMinute = builder.Configuration.GetValue("Account:SignInAttemptsPerMinute", 10);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });

        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<AccountSignIn>();
        builder.Services.AddSingleton<SetupLink>();
        builder.Services.AddScoped<FirstChiefEditor>();
        return builder;
    }

    /// <summary>After routing and before antiforgery, which binds its tokens to the signed-in user.</summary>
    public static WebApplication UseFactCheckAccounts(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // Validated here rather than by form binding: a POST that is not a form would otherwise skip the check.
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<EditorUser> signIn, FactCheckDbContext db) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }

            var who = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
            await signIn.SignOutAsync();
            if (who is not null)
            {
                AuditTrail.Record(db, AuditAction.SignedOut, who, remoteAddress: AuditTrail.RemoteAddress(context));
                await db.SaveChangesAsync();
            }

            return Results.LocalRedirect("/");
        });
        return app;
    }

    /// <summary>
    /// With no account yet, logs the one-time link that creates the first chief editor once the server listens.
    /// The link holds a random token made at this start; it dies when the first account exists or the process ends.
    /// </summary>
    public static async Task AnnounceFirstUserSetupAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<FactCheckDbContext>().Users.AnyAsync())
            {
                return;
            }
        }

        var link = app.Services.GetRequiredService<SetupLink>();
        var site = app.Services.GetRequiredService<Site.SiteSettings>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var origin = site.ConfiguredBaseUrl ?? ListeningOrigin(app);

            // A warning, so it shows at the quietest usual log level: it asks the operator to act.
            app.Logger.LogWarning("No editor accounts yet. Create the first chief editor at {SetupUrl:l} (the link works once)", origin + link.Path);
        });
    }

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.StartsWithSegments(LoginPath) || context.Request.Path.StartsWithSegments(SetupLink.PathPrefix));

    private static string ListeningOrigin(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        return address.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
