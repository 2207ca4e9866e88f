using System.Security.Claims;
using FactCheck.Data.Identity;

namespace FactCheck.Web.Features.Desk;

/// <summary>Who is at the desk, as the sign-in cookie says: the email and the highest role held.</summary>
public sealed record SignedInEditor(string Email, string Role)
{
    public static SignedInEditor From(ClaimsPrincipal user)
    {
        var role = user.IsInRole(DeskRoles.ChiefEditor) ? DeskRoles.ChiefEditor : DeskRoles.Editor;
        return new SignedInEditor(user.Identity?.Name ?? "", DeskRoles.DisplayName(role));
    }
}
