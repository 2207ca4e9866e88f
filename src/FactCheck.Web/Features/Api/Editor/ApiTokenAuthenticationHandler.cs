using System.Data.Common;
using System.Security.Claims;
using System.Text.Encodings.Web;
using FactCheck.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>
/// <c>Authorization: Bearer fct_…</c> for the editors' API, and nothing else: only the API's policy names this
/// scheme, so the desk's pages never accept a token and the API never accepts the sign-in cookie (a cookie
/// would make every write a CSRF target). A missing or refused token gets 401 with <c>WWW-Authenticate: Bearer</c>
/// and a problem body; an account without the role a call needs gets 403.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "EditorApiToken";

    private const string Realm = "Bearer realm=\"FactCheck editors' API\"";

    /// <summary>The token's display prefix, as a claim: logs and audit lines can say which token acted.</summary>
    public const string TokenPrefixClaim = "factcheck:token-prefix";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The editors' API takes Authorization: Bearer followed by a personal API token.");
        }

        var token = header["Bearer ".Length..].Trim();
        var tokens = Context.RequestServices.GetRequiredService<ApiTokens>();
        var holder = await tokens.FindHolderAsync(token, Context.RequestAborted);
        if (holder is null)
        {
            return AuthenticateResult.Fail("The token is not valid: unknown, revoked, or its account is locked out.");
        }

        await TouchAsync(holder);
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, holder.UserId),
            new(ClaimTypes.Name, holder.Email),
            new(TokenPrefixClaim, holder.Prefix),
            .. holder.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? Realm : Realm + ", error=\"invalid_token\"";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Token required",
            detail: result.Failure?.Message ?? "Send Authorization: Bearer with a personal API token (made by `users token add EMAIL`).")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "The token's account has no desk role: the editors' API is for editors and chief editors.")
            .ExecuteAsync(Context);
    }

    /// <summary>In a scope of its own, so that a failed write leaves nothing pending in the request's context.</summary>
    private async Task TouchAsync(ApiTokenHolder holder)
    {
        if (ApiTokens.UsedRecently(holder.LastUsedAtUtc, TimeProvider.GetUtcNow().UtcDateTime))
        {
            return;
        }

        try
        {
            await using var scope = Context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ApiTokens>().TouchAsync(holder, Context.RequestAborted);
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException)
        {
            // "Last used" is a convenience for whoever revokes tokens; a busy database must not refuse the request for it.
            Logger.LogWarning(e, "Could not record the use of API token {Prefix}", holder.Prefix);
        }
    }
}
