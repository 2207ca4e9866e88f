namespace FactCheck.Data.Candidates;

/// <summary>
/// The quotations of a text, by their marks: double (straight "…", curly “…”, German „…“ and »…«, guillemets
/// «…») first, then single (‘…’, '…', ‚…‘, ‹…›) outside them, since single marks inside a double quotation
/// are a quotation within the quotation, part of it. A quotation that reaches the end of its paragraph
/// without a closing mark goes on when the next paragraph opens with the same mark (the English convention
/// for a quotation of several paragraphs); otherwise it is dropped, as a stray mark.
/// </summary>
internal static class QuotationFinder
{
    private const string DoubleOpeners = "\"“„«»";
    private const string SingleOpeners = "'‘‚‹";

    public static bool IsQuoteMark(char c) => c is '"' or '“' or '”' or '„' or '«' or '»' or '\'' or '‘' or '’' or '‚' or '‹' or '›';

    public static List<ClaimCandidateFinder.Quotation> Find(string text, List<ClaimCandidateFinder.Paragraph> paragraphs)
    {
        var quotes = Scan(text, paragraphs, DoubleOpeners, []);
        quotes.AddRange(Scan(text, paragraphs, SingleOpeners, quotes));
        quotes.Sort((a, b) => a.Open.CompareTo(b.Open));
        return quotes;
    }

    private static List<ClaimCandidateFinder.Quotation> Scan(string text, List<ClaimCandidateFinder.Paragraph> paragraphs, string openers, List<ClaimCandidateFinder.Quotation> outer)
    {
        var found = new List<ClaimCandidateFinder.Quotation>();
        var p = 0;
        var i = paragraphs.Count > 0 ? paragraphs[0].Start : 0;
        while (p < paragraphs.Count)
        {
            if (i >= paragraphs[p].End)
            {
                if (++p < paragraphs.Count)
                {
                    i = paragraphs[p].Start;
                }

                continue;
            }

            var c = text[i];
            if (!openers.Contains(c) || !IsOpening(text, i, paragraphs[p].Start) || outer.Any(q => q.Open < i && i < q.Close))
            {
                i++;
                continue;
            }

            if (FindClose(text, paragraphs, p, i) is { } close)
            {
                found.Add(Content(text, i, close.Position));
                (p, i) = (close.Paragraph, close.Position + 1);
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    /// <summary>An opening mark starts a paragraph or follows a space or an opening bracket or dash, and is followed by a word.</summary>
    private static bool IsOpening(string text, int i, int paragraphStart)
    {
        var before = i > paragraphStart ? text[i - 1] : ' ';
        var after = i + 1 < text.Length ? text[i + 1] : ' ';
        var spaced = text[i] is '«' or '»' or '‹' ? after is ' ' or '\u00A0' or '\u202F' : false;
        return (char.IsWhiteSpace(before) || before is '(' or '[' or '—' or '–' or '-' or '/' || IsQuoteMark(before))
            && (spaced || !char.IsWhiteSpace(after));
    }

    private static (int Paragraph, int Position)? FindClose(string text, List<ClaimCandidateFinder.Paragraph> paragraphs, int p, int open)
    {
        var opener = text[open];
        var from = open + 1;
        while (true)
        {
            for (var j = from; j < paragraphs[p].End; j++)
            {
                if (Closes(opener, text, j))
                {
                    return (p, j);
                }
            }

            // A paragraph that ends inside the quotation: the quotation goes on only if the next paragraph opens with the same mark.
            if (p + 1 >= paragraphs.Count || text[paragraphs[p + 1].Start] != opener)
            {
                return null;
            }

            p++;
            from = paragraphs[p].Start + 1;
        }
    }

    private static bool Closes(char opener, string text, int j)
    {
        var c = text[j];
        return opener switch
        {
            '"' => c == '"',
            '“' => c == '”',
            '„' => c is '“' or '”',
            '«' => c == '»',
            '»' => c == '«',
            '‹' => c == '›',
            '‚' => c is '‘' or '’',
            '‘' or '\'' => c == (opener == '‘' ? '’' : '\'') && !IsApostrophe(text, j),
            _ => false,
        };
    }

    /// <summary>
    /// ’ and ' are also apostrophes: between letters (don’t, Taliban’s) or after a plural's s before the noun it
    /// qualifies (the soldiers’ families). A closing mark is followed by a space, punctuation or the paragraph's end.
    /// </summary>
    private static bool IsApostrophe(string text, int j)
    {
        var before = j > 0 ? text[j - 1] : ' ';
        var after = j + 1 < text.Length ? text[j + 1] : ' ';
        if (char.IsLetterOrDigit(after))
        {
            return true;
        }

        return before is 's' && after == ' ' && j + 2 < text.Length && char.IsLower(text[j + 2]);
    }

    /// <summary>The quoted words: inside the marks, without the spaces next to them or a trailing comma of the reporter's sentence.</summary>
    private static ClaimCandidateFinder.Quotation Content(string text, int open, int close)
    {
        var start = open + 1;
        while (start < close && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = close;
        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] == ','))
        {
            end--;
        }

        return new ClaimCandidateFinder.Quotation(open, close, start, end);
    }
}
