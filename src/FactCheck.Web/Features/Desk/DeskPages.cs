namespace FactCheck.Web.Features.Desk;

/// <summary>Where the desk is: the only pages that load the Blazor script and run interactive components.</summary>
public static class DeskPages
{
    public const string Root = "/editor";

    /// <summary>True for /editor and anything under it, with or without the leading slash.</summary>
    public static bool IsDeskPath(string path)
    {
        var trimmed = path.TrimStart('/');
        return trimmed.Equals("editor", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("editor/", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("editor?", StringComparison.OrdinalIgnoreCase);
    }
}
