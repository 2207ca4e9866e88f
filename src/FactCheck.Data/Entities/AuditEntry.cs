namespace FactCheck.Data.Entities;

public enum AuditAction
{
    SignedIn = 0,
    SignInFailed = 1,
    LockedOut = 2,
    SignedOut = 3,
    SubmittedForReview = 4,
    Published = 5,
    SentBack = 6,
    UserAdded = 7,
    RoleChanged = 8,
    ApiTokenAdded = 9,
    ApiTokenRevoked = 10,
}

/// <summary>
/// What chief editors need to answer "who did that, and when": sign-ins, failed sign-ins, publications
/// and role changes. Append-only, like revisions.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>Who acted: the account's email, or the email typed into a failed sign-in.</summary>
    public required string Actor { get; set; }

    /// <summary>What was acted on, as a path a chief editor can follow ("/claims/12", a user's email).</summary>
    public string? Subject { get; set; }

    public string? Detail { get; set; }

    public string? RemoteAddress { get; set; }
}
