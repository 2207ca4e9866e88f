using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Web.Features.Desk.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Account;

/// <summary>A message for one field of an account form (Email or Password), or for the form when Field is "".</summary>
public sealed record FieldMessage(string Field, string Text);

/// <summary>Creates desk accounts, for the `users add` command and the first-start setup page alike.</summary>
public sealed class UserAccounts(UserManager<EditorUser> users, RoleManager<IdentityRole> roles, FactCheckDbContext db)
{
    public Task<bool> AnyAsync(CancellationToken cancellation = default) => db.Users.AnyAsync(cancellation);

    /// <summary>Who the audit log names when a script adds or changes an account from the command line.</summary>
    public const string CommandLineActor = "command line";

    /// <summary>
    /// The account with its role, or the reasons it was refused; nothing is saved when refused. The audit log
    /// names <paramref name="actor"/> (the command line unless said otherwise) as having added it.
    /// </summary>
    public async Task<(EditorUser? User, IReadOnlyList<FieldMessage> Problems)> CreateAsync(
        string email, string password, string role, string? actor = null, string? remoteAddress = null, string? how = null)
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
        return await WriteTransaction.RunAsync(db, WriteLock.Accounts, async ct =>
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }

            var user = new EditorUser { UserName = email, Email = email };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return ((EditorUser?)null, (IReadOnlyList<FieldMessage>)created.Errors.Select(ToFieldMessage).ToList());
            }

            Check(await users.AddToRoleAsync(user, role));
            AuditTrail.Record(db, AuditAction.UserAdded, actor ?? CommandLineActor, email, how is null ? $"Role: {DeskRoles.DisplayName(role)}." : $"Role: {DeskRoles.DisplayName(role)}, {how}.", remoteAddress);
            await db.SaveChangesAsync(ct);
            return (user, []);
        }, outcome => outcome.Item1 is not null);
    }

    /// <summary>
    /// Gives an existing account exactly one desk role, replacing the one it had. False when no account has
    /// that email. The change and its audit line are saved together.
    /// </summary>
    public async Task<bool> ChangeRoleAsync(string email, string role, string? actor = null, string? remoteAddress = null)
    {
        if (!DeskRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        return await WriteTransaction.RunAsync(db, WriteLock.Accounts, async ct =>
        {
            var user = await users.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                return false;
            }

            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }

            var before = (await users.GetRolesAsync(user)).Where(DeskRoles.IsKnown).ToList();
            if (before.SequenceEqual([role]))
            {
                return true;
            }

            Check(await users.RemoveFromRolesAsync(user, before));
            Check(await users.AddToRoleAsync(user, role));
            var was = before.Count == 0 ? "no role" : string.Join(", ", before.Select(DeskRoles.DisplayName));
            AuditTrail.Record(db, AuditAction.RoleChanged, actor ?? CommandLineActor, user.Email, $"{was} → {DeskRoles.DisplayName(role)}", remoteAddress);
            await db.SaveChangesAsync(ct);
            return true;
        }, changed => changed);
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
