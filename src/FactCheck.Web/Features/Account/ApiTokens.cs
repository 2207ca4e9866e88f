using System.Security.Cryptography;
using System.Text;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Desk.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Account;

/// <summary>A token as listings show it: never the token itself, which exists only in the output of `users token add`.</summary>
public sealed record ApiTokenRow(string Prefix, string? Name, DateTime CreatedAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);

/// <summary>Who a presented token speaks for, when it is valid: the account's email, id and desk roles.</summary>
public sealed record ApiTokenHolder(int TokenId, string UserId, string Email, IReadOnlyList<string> Roles, string Prefix, DateTime? LastUsedAtUtc);

/// <summary>
/// Personal API tokens for the editors' API: made by `users token add`, sent as <c>Authorization: Bearer</c>,
/// revoked by `users token revoke`. A token is "fct_" and 43 base64url characters (256 random bits); only its
/// SHA-256 is stored, with its first characters as a display prefix (docs/decisions/editors-api.md).
/// </summary>
public sealed class ApiTokens(FactCheckDbContext db, UserManager<EditorUser> users, TimeProvider clock)
{
    public const string TokenPrefix = "fct_";

    /// <summary>"fct_" and 43 characters: 32 random bytes in base64url without padding.</summary>
    public const int TokenLength = 47;

    /// <summary>"fct_" and the first 8 random characters: 48 bits, enough to tell one person's tokens apart, far too few to guess the rest.</summary>
    public const int DisplayPrefixLength = 12;

    public const int NameMaxLength = 100;

    /// <summary>How stale <see cref="ApiToken.LastUsedAtUtc"/> may get: one write a minute per token at most, not one per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Lower-case hex SHA-256 of the token's ASCII bytes, as stored in <see cref="ApiToken.TokenHash"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the text has a token's shape; anything else is refused before a database look-up.</summary>
    public static bool LooksLikeToken(string? text) =>
        text is { Length: TokenLength } && text.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && text.AsSpan(TokenPrefix.Length).IndexOfAnyExcept(Base64UrlCharacters) < 0;

    /// <summary>
    /// Makes a token for the account with that email and returns it (the only time it is ever seen), or null when
    /// no account has that email. The token and its audit line are saved together.
    /// </summary>
    public async Task<string?> AddAsync(string email, string? name, string actor = UserAccounts.CommandLineActor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return null;
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var label = name?.Trim() is { Length: > 0 } trimmed ? trimmed : null;
        if (label is { Length: > NameMaxLength })
        {
            throw new ArgumentException($"The token's name is {label.Length} characters; keep it to {NameMaxLength}.", nameof(name));
        }

        var prefix = token[..DisplayPrefixLength];
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id,
            Prefix = prefix,
            TokenHash = Hash(token),
            Name = label,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        AuditTrail.Record(db, AuditAction.ApiTokenAdded, actor, user.Email, label is null ? $"Token {prefix}…" : $"Token {prefix}… ({label})");
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Every token of the account, newest first; null when no account has that email.</summary>
    public async Task<IReadOnlyList<ApiTokenRow>?> ListAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return null;
        }

        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == user.Id)
            .OrderByDescending(t => t.CreatedAtUtc).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenRow(t.Prefix, t.Name, t.CreatedAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Revokes the tokens <paramref name="which"/> names: a whole token, a display prefix ("fct_3kQ9abcd"), or an
    /// email with <paramref name="all"/> for every token of that account. Returns how many were revoked now, or
    /// a message saying why nothing was. Revoked tokens stay, for the record.
    /// </summary>
    public async Task<(int Revoked, string? Refusal)> RevokeAsync(string which, bool all, string actor = UserAccounts.CommandLineActor, CancellationToken cancellationToken = default)
    {
        which = which.Trim();
        List<ApiToken> tokens;
        string subject;
        if (which.Contains('@', StringComparison.Ordinal))
        {
            if (!all)
            {
                return (0, $"to revoke every token of {which}, add --all; to revoke one, give its prefix (users token list {which})");
            }

            var user = await users.FindByEmailAsync(which);
            if (user is null)
            {
                return (0, $"no account has the email {which}");
            }

            subject = user.Email ?? which;
            tokens = await db.ApiTokens.Where(t => t.UserId == user.Id && t.RevokedAtUtc == null).ToListAsync(cancellationToken);
        }
        else
        {
            var matches = LooksLikeToken(which)
                ? await db.ApiTokens.Include(t => t.User).Where(t => t.TokenHash == Hash(which)).ToListAsync(cancellationToken)
                // Exactly the displayed prefix: cutting a longer text down to it would revoke a token its sender never named.
                : which.Length == DisplayPrefixLength && which.StartsWith(TokenPrefix, StringComparison.Ordinal)
                    ? await ByPrefixAsync(which, cancellationToken)
                    : null;
            if (matches is null)
            {
                return (0, $"give a token's prefix (the {DisplayPrefixLength} characters `users token list` shows, starting {TokenPrefix}), the token itself, or an email with --all");
            }

            if (matches.Count == 0)
            {
                return (0, $"no token starts {which}");
            }

            if (matches.Count > 1)
            {
                return (0, $"{matches.Count} tokens start {which}: give the whole token, or revoke the account's tokens with an email and --all");
            }

            subject = matches[0].User?.Email ?? matches[0].UserId;
            tokens = [.. matches.Where(t => t.RevokedAtUtc is null)];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var token in tokens)
        {
            token.RevokedAtUtc = now;
            AuditTrail.Record(db, AuditAction.ApiTokenRevoked, actor, subject, token.Name is null ? $"Token {token.Prefix}…" : $"Token {token.Prefix}… ({token.Name})");
        }

        await db.SaveChangesAsync(cancellationToken);
        return (tokens.Count, null);
    }

    /// <summary>
    /// The account a presented token speaks for, or null when the token is unknown, revoked, or its account is
    /// locked out. Deleting an account deletes its tokens (cascade).
    /// </summary>
    public async Task<ApiTokenHolder?> FindHolderAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!LooksLikeToken(token))
        {
            return null;
        }

        var hash = Hash(token);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAtUtc == null)
            .Select(t => new
            {
                t.Id,
                t.UserId,
                t.Prefix,
                t.LastUsedAtUtc,
                Email = t.User!.Email,
                t.User.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == t.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Email is null || found.LockoutEnd > clock.GetUtcNow())
        {
            return null;
        }

        return new ApiTokenHolder(found.Id, found.UserId, found.Email, [.. found.Roles.OfType<string>().Where(DeskRoles.IsKnown)], found.Prefix, found.LastUsedAtUtc);
    }

    /// <summary>Records that the token was used now, unless it was within the last minute. A failure here never fails the request.</summary>
    public async Task TouchAsync(ApiTokenHolder holder, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (UsedRecently(holder.LastUsedAtUtc, now))
        {
            return;
        }

        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == holder.TokenId, cancellationToken);
        if (token is null || UsedRecently(token.LastUsedAtUtc, now))
        {
            return;
        }

        token.LastUsedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether a use at <paramref name="lastUsedAtUtc"/> is recent enough that recording one at <paramref name="now"/> adds nothing.</summary>
    public static bool UsedRecently(DateTime? lastUsedAtUtc, DateTime now) => lastUsedAtUtc is { } last && now - last < LastUsedResolution;

    private Task<List<ApiToken>> ByPrefixAsync(string prefix, CancellationToken cancellationToken) =>
        db.ApiTokens.Include(t => t.User).Where(t => t.Prefix == prefix).ToListAsync(cancellationToken);

    private static readonly System.Buffers.SearchValues<char> Base64UrlCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
