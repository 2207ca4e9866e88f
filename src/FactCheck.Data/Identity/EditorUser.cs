using Microsoft.AspNetCore.Identity;

namespace FactCheck.Data.Identity;

/// <summary>
/// A newsroom account: an editor or a chief editor. Readers have none. The user name is the email address,
/// so sign-in asks for one thing only.
/// </summary>
public class EditorUser : IdentityUser
{
}
