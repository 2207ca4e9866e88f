using System.Security.Cryptography;
using System.Text;
using FactCheck.Data.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace FactCheck.Web.Features.Account;

/// <summary>
/// The first-start link's secret: 256 random bits made when the process starts, known only to whoever reads the
/// log. There is no default password to leak, and the link dies once an account exists.
/// </summary>
public sealed class SetupLink
{
    public const string PathPrefix = "/account/setup";

    private readonly byte[] _token = Encoding.ASCII.GetBytes(WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Held while the first account is created, so two people racing with the link make one chief editor.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public string Path => PathPrefix + "/" + Encoding.ASCII.GetString(_token);

    public bool Matches(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), _token);
}

/// <summary>The setup page's fields.</summary>
public sealed class SetupInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>Creates the first chief editor through the setup link, while there is still no account at all.</summary>
public sealed class FirstChiefEditor(SetupLink link, UserAccounts accounts, AccountSignIn signIn)
{
    public async Task<bool> IsOpenAsync(string? token) => link.Matches(token) && !await accounts.AnyAsync();

    /// <summary>
    /// Null when the link is dead (wrong token, or an account exists); no messages when the chief editor was
    /// created and signed in; otherwise what to show at which field.
    /// </summary>
    public async Task<IReadOnlyList<FieldMessage>?> CreateAsync(string? token, SetupInput input, string? remoteAddress = null)
    {
        await link.Gate.WaitAsync();
        try
        {
            if (!await IsOpenAsync(token))
            {
                return null;
            }

            var (user, problems) = await accounts.CreateAsync(
                input.Email, input.Password, DeskRoles.ChiefEditor, actor: input.Email.Trim(), remoteAddress: remoteAddress, how: "the first account, through the setup link");
            if (user is not null)
            {
                await signIn.SignInAsync(user);
            }

            return problems;
        }
        finally
        {
            link.Gate.Release();
        }
    }
}
