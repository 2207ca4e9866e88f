using FactCheck.Data;
using FactCheck.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Account;

/// <summary>A message for one field of an account form (Email or Password), or for the form when Field is "".</summary>
public sealed record FieldMessage(string Field, string Text);

/// <summary>Creates desk accounts, for the `users add` command and the first-start setup page alike.</summary>
public sealed class UserAccounts(UserManager<EditorUser> users, RoleManager<IdentityRole> roles, FactCheckDbContext db)
{
    public Task<bool> AnyAsync(CancellationToken cancellation = default) => db.Users.AnyAsync(cancellation);

    /// <summary>The account with its role, or the reasons it was refused; nothing is saved when refused.</summary>
    public async Task<(EditorUser? User, IReadOnlyList<FieldMessage> Problems)> CreateAsync(string email, string password, string role)
    {
        if (!DeskRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        email = email.Trim();
        if (email.Length == 0)
        {
            return (null, [new FieldMessage("Email", "Enter an email address.")]);
        }

        // Account and role together or neither: an account without a role could sign in to nothing.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)));
        }

        var user = new EditorUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(ToFieldMessage).ToList());
        }

        Check(await users.AddToRoleAsync(user, role));
        await transaction.CommitAsync();
        return (user, []);
    }

    private static FieldMessage ToFieldMessage(IdentityError error) =>
        new(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email", error.Description);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
