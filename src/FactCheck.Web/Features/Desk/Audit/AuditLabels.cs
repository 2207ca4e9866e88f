using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Desk.Audit;

public static class AuditLabels
{
    public static string Of(AuditAction action) => action switch
    {
        AuditAction.SignedIn => "Signed in",
        AuditAction.SignInFailed => "Failed sign-in",
        AuditAction.LockedOut => "Locked out",
        AuditAction.SignedOut => "Signed out",
        AuditAction.SubmittedForReview => "Submitted for review",
        AuditAction.Published => "Published",
        AuditAction.SentBack => "Sent back",
        AuditAction.UserAdded => "Account added",
        AuditAction.RoleChanged => "Role changed",
        AuditAction.ApiTokenAdded => "API token added",
        AuditAction.ApiTokenRevoked => "API token revoked",
        _ => action.ToString(),
    };
}
