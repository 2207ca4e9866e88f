using System.Text.RegularExpressions;

namespace FactCheck.Tests.Infrastructure;

public static partial class TextNormalizer
{
    /// <summary>Collapses runs of whitespace, so text compares the same however the HTML wrapped it.</summary>
    public static string Collapse(string? text) => Whitespace().Replace(text ?? string.Empty, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
