namespace FactCheck.Data.Seeding;

/// <summary>A located quote: offsets into the document plus the TextQuoteSelector context around it.</summary>
public sealed record LocatedPassage(int Start, int End, string Exact, string Prefix, string Suffix);

/// <summary>Finds a quote in a document, character for character, and describes where it stands.</summary>
public static class PassageLocator
{
    /// <summary>Characters of context kept either side, enough to re-anchor a quote that occurs more than once.</summary>
    public const int ContextLength = 32;

    /// <summary>
    /// The <paramref name="occurrence"/>-th (1-based) ordinal match of <paramref name="quote"/>, or null.
    /// Ordinal on purpose: a citation must match the archived bytes, curly quotes and stray spaces included.
    /// </summary>
    public static LocatedPassage? Find(string text, string quote, int occurrence = 1)
    {
        if (string.IsNullOrEmpty(quote) || occurrence < 1)
        {
            return null;
        }

        var start = -1;
        for (var seen = 0; seen < occurrence; seen++)
        {
            start = text.IndexOf(quote, start + 1, StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }
        }

        return At(text, start, quote.Length);
    }

    /// <summary>
    /// Finds a passage again in a (possibly re-imported) text: at its recorded offsets if the exact text
    /// is still there, otherwise the occurrence whose prefix and suffix match best; null if it is gone.
    /// </summary>
    public static LocatedPassage? Reanchor(string text, int start, string exact, string prefix, string suffix)
    {
        // The recorded offset still holds the same words in the same context: nothing moved. The context
        // matters: after an edit, the offset may hold another occurrence of a short, repeated quote.
        if (start >= 0 && start + exact.Length <= text.Length && string.CompareOrdinal(text, start, exact, 0, exact.Length) == 0
            && At(text, start, exact.Length) is var here && here.Prefix == prefix && here.Suffix == suffix)
        {
            return here;
        }

        LocatedPassage? best = null;
        var bestScore = -1;
        for (var occurrence = 1; Find(text, exact, occurrence) is { } candidate; occurrence++)
        {
            var score = CommonSuffixLength(candidate.Prefix, prefix) + CommonPrefixLength(candidate.Suffix, suffix);
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>The passage of <paramref name="length"/> characters at <paramref name="start"/>, with its context.</summary>
    public static LocatedPassage At(string text, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, text.Length, nameof(length));
        var end = start + length;
        var prefixStart = Math.Max(0, start - ContextLength);
        var suffixEnd = Math.Min(text.Length, end + ContextLength);
        return new LocatedPassage(start, end, text[start..end], text[prefixStart..start], text[end..suffixEnd]);
    }

    private static int CommonPrefixLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }

    private static int CommonSuffixLength(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[^(n + 1)] == b[^(n + 1)])
        {
            n++;
        }

        return n;
    }
}
