using System.Text.RegularExpressions;

namespace FactCheck.Tests.Infrastructure;

/// <summary>The URL rule the brief sets for user-supplied Markdown: http, https, mailto, or no scheme at all.</summary>
public static partial class UrlSafety
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>
    /// Judges an attribute value as a browser reads it: entities already decoded by the parser, and
    /// tabs, newlines and control characters dropped, since browsers ignore them inside a scheme.
    /// </summary>
    public static bool IsAllowed(string? attributeValue)
    {
        if (attributeValue is null)
        {
            return true;
        }

        var cleaned = new string(attributeValue.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var match = SchemePattern().Match(cleaned);
        return !match.Success || AllowedSchemes.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.-]*):")]
    private static partial Regex SchemePattern();
}
