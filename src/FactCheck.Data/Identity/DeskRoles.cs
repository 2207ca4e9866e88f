namespace FactCheck.Data.Identity;

/// <summary>The desk's roles, as stored in AspNetRoles and written on the `users add --role` command line.</summary>
public static class DeskRoles
{
    public const string Editor = "editor";
    public const string ChiefEditor = "chief-editor";

    public static IReadOnlyList<string> All { get; } = [Editor, ChiefEditor];

    public static bool IsKnown(string? role) => role is Editor or ChiefEditor;

    public static string DisplayName(string role) => role switch
    {
        ChiefEditor => "chief editor",
        _ => role,
    };
}
