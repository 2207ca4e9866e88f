namespace FactCheck.Web.Site;

public static class TextBlocks
{
    private const char Ellipsis = '…';

    // Opening marks a quoted passage may already start with: curly, straight, guillemets, low-9 and single.
    private static readonly char[] OpeningMarks = ['“', '"', '«', '„', '‘', '\'', '‹', '‚'];

    // What is left dangling when a sentence is cut after it: punctuation that needs more text, and an
    // opening mark or bracket whose words were cut off.
    private static readonly char[] DanglingAtCut = [' ', ',', ';', ':', '-', '–', '—', '(', '[', '“', '‘', '"', '\'', '«', '„', Ellipsis];

    /// <summary>Non-blank lines of a plain-text quote, each shown as its own paragraph (LF or CRLF).</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !string.IsNullOrWhiteSpace(line)).ToList();

    /// <summary>
    /// At most <paramref name="maxLength"/> characters, ellipsis included, cut after a whole word so an
    /// excerpt never ends mid-word ("op…"), and with one ellipsis however the cut text ended.
    /// </summary>
    public static string Excerpt(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength)
        {
            return text;
        }

        // The last break that leaves room for the ellipsis; a single word longer than the whole excerpt
        // is the only case cut inside a word, since nothing shorter would show anything of it.
        var room = maxLength - 1;
        var cut = -1;
        for (var i = room; i > 0; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                cut = i;
                break;
            }
        }

        var kept = (cut > 0 ? text[..cut] : text[..room]).TrimEnd(DanglingAtCut).TrimEnd('.');
        return kept.Length == 0 ? text[..room] + Ellipsis : kept + Ellipsis;
    }

    /// <summary>"1 claim", "2 claims", "8,671 claims": the same on every server, whatever its culture.</summary>
    public static string ClaimCount(int count) =>
        count == 1 ? "1 claim" : $"{count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} claims";

    /// <summary>
    /// The text inside quotation marks, unless it brings its own: a passage cited verbatim often starts
    /// with the document's opening mark (“The Mojahedin …,” he said), and a second one would read ““The.
    /// </summary>
    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.Length > 0 && OpeningMarks.Contains(trimmed[0]) ? trimmed : $"“{trimmed}”";
    }
}
