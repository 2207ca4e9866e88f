using FactCheck.Data.Identity;

namespace FactCheck.Data.Entities;

/// <summary>
/// A personal API token for the editors' API (<c>Authorization: Bearer</c>), made by <c>users token add</c>.
/// Only a SHA-256 hash of the token is stored: the token is 256 random bits, so a slow password hash adds
/// nothing, and a stolen table gives no usable token. The prefix lets an editor tell tokens apart.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public EditorUser? User { get; set; }

    /// <summary>The first characters of the token, shown in listings ("fct_3kQ9…"); not enough to use it.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string TokenHash { get; set; }

    public string? Name { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>Set by <c>users token revoke</c>; a revoked token is refused and kept for the record.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}
