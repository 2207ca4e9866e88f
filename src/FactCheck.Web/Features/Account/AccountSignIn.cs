using FactCheck.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Web.Features.Account;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>Signs editors in with the sign-in cookie, counting failures towards lockout.</summary>
public sealed class AccountSignIn(SignInManager<EditorUser> signIn)
{
    /// <summary>No messages when signed in; otherwise what to show at which field.</summary>
    public async Task<IReadOnlyList<FieldMessage>> SignInAsync(LoginInput input)
    {
        var problems = new List<FieldMessage>();
        if (string.IsNullOrWhiteSpace(input.Email))
        {
            problems.Add(new FieldMessage(nameof(input.Email), "Enter your email address."));
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            problems.Add(new FieldMessage(nameof(input.Password), "Enter your password."));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        // lockoutOnFailure: five wrong passwords lock the account, whoever tries them and from wherever.
        var result = await signIn.PasswordSignInAsync(input.Email.Trim(), input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return [];
        }

        // The same words for an unknown email and a wrong password, so the form does not reveal who has an account.
        var message = result.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again in 15 minutes."
            : "The email or password is not right.";
        return [new FieldMessage(nameof(input.Password), message)];
    }

    public Task SignInAsync(EditorUser user) => signIn.SignInAsync(user, isPersistent: false);

    /// <summary>A local path to go back to after signing in; anything else (another site, "//host") goes to the desk.</summary>
    public static string SafeReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/editor";
}
