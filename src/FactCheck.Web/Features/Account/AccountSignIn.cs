using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Desk.Audit;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Web.Features.Account;

/// <summary>The sign-in form's fields.</summary>
public sealed class LoginInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary>Signs editors in with the sign-in cookie, counting failures towards lockout, and writes each attempt to the audit log.</summary>
public sealed class AccountSignIn(SignInManager<EditorUser> signIn, FactCheckDbContext db)
{
    /// <summary>No messages when signed in; otherwise what to show at which field.</summary>
    public async Task<IReadOnlyList<FieldMessage>> SignInAsync(LoginInput input, string? remoteAddress = null)
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
        var email = input.Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, input.Password, isPersistent: false, lockoutOnFailure: true);

        // The email as typed even when no such account exists: a run of failures on made-up names is what a
        // chief editor looking at the log needs to see.
        var (action, detail) = result switch
        {
            { Succeeded: true } => (AuditAction.SignedIn, null),
            { IsLockedOut: true } => (AuditAction.LockedOut, "Refused: the account is locked after too many failed sign-ins."),
            { IsNotAllowed: true } => (AuditAction.SignInFailed, "Refused: the account may not sign in."),
            _ => (AuditAction.SignInFailed, "Wrong email or password."),
        };
        AuditTrail.Record(db, action, email, subject: email, detail: detail, remoteAddress: remoteAddress);
        await db.SaveChangesAsync();
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
