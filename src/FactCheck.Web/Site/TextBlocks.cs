namespace FactCheck.Web.Site;

public static class TextBlocks
{
    /// <summary>Non-blank lines of a plain-text quote, each shown as its own paragraph (LF or CRLF).</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !string.IsNullOrWhiteSpace(line)).ToList();

    /// <summary>Cuts at a word boundary so an excerpt never ends mid-word.</summary>
    public static string Excerpt(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)].TrimEnd(' ', ',', ';', ':') + "…";
    }
}
