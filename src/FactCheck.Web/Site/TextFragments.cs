using System.Text;
using FactCheck.Data.Seeding;
using FactCheck.Data.Text;

namespace FactCheck.Web.Site;

/// <summary>
/// Links to a quote at its publisher with a URL text fragment (WICG Scroll to Text Fragment:
/// <c>#:~:text=[prefix-,]textStart[,textEnd][,-suffix]</c>), so a reader following evidence out lands on the
/// cited words in the original article, highlighted by the browser. Browsers without support ignore the
/// directive and open the page's top, so the link is never worse than the bare URL.
/// </summary>
public static class TextFragments
{
    /// <summary>Quotes longer than this many words are matched by their first and last words instead of whole.</summary>
    public const int ExactMaxWords = 8;

    /// <summary>Words at each end of a long quote (textStart, textEnd), and of the context either side.</summary>
    public const int EdgeWords = 4;

    public const int ContextWords = 3;

    /// <summary>
    /// <paramref name="url"/> with the text directive for the passage, or null when the URL is not http(s):
    /// no other scheme is ever linked.
    /// </summary>
    public static string? Link(string? url, string exact, string prefix, string suffix)
    {
        if (!MarkdownRenderer.IsWebUrl(url))
        {
            return null;
        }

        var directive = Directive(exact, prefix, suffix);
        if (directive.Length == 0)
        {
            return url;
        }

        // A URL that already has a fragment keeps it: the directive follows it after ":~:".
        return url!.Contains('#', StringComparison.Ordinal) ? url + ":~:" + directive : url + "#:~:" + directive;
    }

    /// <summary>The <c>text=…</c> directive for a quote and the context around it in the archived text; empty for a blank quote.</summary>
    public static string Directive(string exact, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(exact);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(suffix);
        var words = Words(exact);
        if (words.Length == 0)
        {
            return "";
        }

        var builder = new StringBuilder("text=");

        // Context only from the quote's own line: a page renders each line as a block, and the browser will not
        // match a prefix across a block's end. The context was cut at a fixed length, so its outer word may be
        // a part word, which would never match: it is dropped unless it starts the document.
        var before = Words(LastLine(prefix), dropFirst: prefix.Length >= PassageLocator.ContextLength && !prefix.Contains('\n', StringComparison.Ordinal));
        var after = Words(FirstLine(suffix), dropLast: suffix.Length >= PassageLocator.ContextLength && !suffix.Contains('\n', StringComparison.Ordinal));
        if (before.Length > 0)
        {
            builder.Append(Encode(string.Join(' ', before[^Math.Min(ContextWords, before.Length)..]))).Append("-,");
        }

        // A quote over several lines has to be a range: an exact match cannot span the blocks between.
        if (words.Length <= ExactMaxWords && !exact.Trim().Contains('\n', StringComparison.Ordinal))
        {
            builder.Append(Encode(string.Join(' ', words)));
        }
        else
        {
            var edge = Math.Min(EdgeWords, words.Length / 2);
            builder.Append(Encode(string.Join(' ', words[..edge]))).Append(',').Append(Encode(string.Join(' ', words[^edge..])));
        }

        if (after.Length > 0)
        {
            builder.Append(",-").Append(Encode(string.Join(' ', after[..Math.Min(ContextWords, after.Length)])));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Percent-encodes one part of a directive: everything but letters, digits and <c>_.~</c>, so the
    /// directive's own syntax characters <c>-</c>, <c>,</c> and <c>&amp;</c> inside a quote cannot be misread.
    /// </summary>
    public static string Encode(string part) => Uri.EscapeDataString(part).Replace("-", "%2D", StringComparison.Ordinal);

    private static string[] Words(string text, bool dropFirst = false, bool dropLast = false)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var (from, to) = (dropFirst && words.Length > 0 ? 1 : 0, dropLast && words.Length > 0 ? words.Length - 1 : words.Length);
        return from < to ? words[from..to] : [];
    }

    private static string LastLine(string text) => text[(text.LastIndexOf('\n') + 1)..];

    private static string FirstLine(string text) => text.IndexOf('\n', StringComparison.Ordinal) is var i and >= 0 ? text[..i] : text;
}
