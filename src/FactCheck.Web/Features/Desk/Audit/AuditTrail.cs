using FactCheck.Data;
using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Desk.Audit;

/// <summary>
/// Writes one line of the audit log. It only adds the entry to the context, so that the caller's own save
/// (a publication, a new account) and its audit line commit together or not at all.
/// </summary>
public static class AuditTrail
{
    // The columns' limits, so that an absurd email typed into a failed sign-in cannot make the save fail.
    private const int ActorLength = 256;
    private const int SubjectLength = 300;
    private const int DetailLength = 2000;
    private const int AddressLength = 64;

    public static AuditEntry Record(FactCheckDbContext db, AuditAction action, string actor, string? subject = null, string? detail = null, string? remoteAddress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = new AuditEntry
        {
            AtUtc = DateTime.UtcNow,
            Action = action,
            Actor = Cut(actor, ActorLength) ?? "",
            Subject = Cut(subject, SubjectLength),
            Detail = Cut(detail, DetailLength),
            RemoteAddress = Cut(remoteAddress, AddressLength),
        };
        db.AuditLog.Add(entry);
        return entry;
    }

    /// <summary>The client's address as the connection reports it (the proxy's, behind one without forwarded headers).</summary>
    public static string? RemoteAddress(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString();

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
