using System.Globalization;
using System.Text;

namespace FactCheck.Data.Search;

public enum SearchTermKind
{
    /// <summary>A single word, matched with stemming ("pledges" finds "pledge").</summary>
    Word,

    /// <summary>Words starting with the text: <c>amnes*</c>.</summary>
    Prefix,

    /// <summary>Words in this order: <c>"amnesty decree"</c>.</summary>
    Phrase,
}

/// <summary>One word, prefix or phrase of a query, as the reader typed it (without quotes or star).</summary>
public sealed record SearchTerm(SearchTermKind Kind, string Text)
{
    public override string ToString() => Kind switch
    {
        SearchTermKind.Prefix => Text + "*",
        SearchTermKind.Phrase => "\"" + Text + "\"",
        _ => Text,
    };
}

/// <summary>The outcome of <see cref="SearchQuery.Parse"/>: a query, or a message for the reader, never both.</summary>
public sealed record SearchQueryParseResult(SearchQuery? Query, string? Error)
{
    public bool IsValid => Query is not null;
}

/// <summary>
/// A reader's search, parsed without any provider syntax: terms joined by an implicit AND, groups of terms
/// joined by <c>OR</c>. The query language is deliberately small (words, <c>prefix*</c>, <c>"phrases"</c>,
/// <c>OR</c>) so that anything else a reader types is plain text, and each provider renders the terms as
/// escaped literals: no reader input is ever interpreted as the engine's own operators.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    // Room for a pasted sentence: quoting a claim is how journalists look for it.
    public const int MaxTerms = 32;

    /// <summary>Shortest text before a star: one-letter prefixes would expand to most of the vocabulary.</summary>
    public const int MinPrefixLength = 2;

    public const string EmptyMessage = "Type a word or phrase to search.";
    public const string TooLongMessage = "Search for at most 200 characters.";
    public const string UnbalancedQuoteMessage = "A quotation mark is not closed. Add the closing \" or remove it.";
    public const string NoWordsMessage = "Type at least one word: punctuation and operators alone find nothing.";
    public const string TooManyTermsMessage = "Search for at most 32 words or phrases.";
    public const string ShortPrefixMessage = "Put at least two letters before the *.";

    private SearchQuery(IReadOnlyList<IReadOnlyList<SearchTerm>> groups)
    {
        Groups = groups;
    }

    /// <summary>Alternatives (joined by OR); a record matches when it matches every term of one group.</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Groups { get; }

    /// <summary>Every term of every group, in the order typed.</summary>
    public IEnumerable<SearchTerm> Terms => Groups.SelectMany(g => g);

    /// <summary>Builds a query that matches records sharing any one of <paramref name="words"/> (for similar claims).</summary>
    public static SearchQuery AnyOf(IEnumerable<string> words)
    {
        var groups = words.Where(HasWordCharacter).Select(w => (IReadOnlyList<SearchTerm>)[new SearchTerm(SearchTermKind.Word, w)]).ToList();
        if (groups.Count == 0)
        {
            throw new ArgumentException("At least one word is needed.", nameof(words));
        }

        return new SearchQuery(groups);
    }

    public static SearchQueryParseResult Parse(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Fail(EmptyMessage);
        }

        if (text.Length > MaxLength)
        {
            return Fail(TooLongMessage);
        }

        var groups = new List<List<SearchTerm>> { new() };
        var position = 0;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
                // Stryker disable once Statement : equivalent, falling through reads an empty token at the next character, which is skipped
                continue;
            }

            if (c is '"' or '“' or '”')
            {
                var end = text.IndexOfAny(['"', '“', '”'], position + 1);
                if (end < 0)
                {
                    return Fail(UnbalancedQuoteMessage);
                }

                var phrase = Words(text[(position + 1)..end]);
                if (phrase.Length > 0)
                {
                    groups[^1].Add(new SearchTerm(phrase.Contains(' ', StringComparison.Ordinal) ? SearchTermKind.Phrase : SearchTermKind.Word, phrase));
                }

                position = end + 1;
                continue;
            }

            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] is not ('"' or '“' or '”'))
            {
                position++;
            }

            var token = text[start..position];
            if (token == "OR")
            {
                // A leading, trailing or doubled OR joins nothing and is simply dropped.
                if (groups[^1].Count > 0)
                {
                    groups.Add([]);
                }

                continue;
            }

            if (token == "AND")
            {
                continue;
            }

            var isPrefix = token.EndsWith('*');
            var word = Words(token);
            if (word.Length == 0)
            {
                continue;
            }

            if (isPrefix && !word.Contains(' ', StringComparison.Ordinal))
            {
                if (word.Length < MinPrefixLength)
                {
                    return Fail(ShortPrefixMessage);
                }

                groups[^1].Add(new SearchTerm(SearchTermKind.Prefix, word));
            }
            else
            {
                // "state-run" or "u.s." are one token to the reader; keep their parts together as a phrase.
                groups[^1].Add(new SearchTerm(word.Contains(' ', StringComparison.Ordinal) ? SearchTermKind.Phrase : SearchTermKind.Word, word));
            }
        }

        var nonEmpty = groups.Where(g => g.Count > 0).Select(g => (IReadOnlyList<SearchTerm>)g).ToList();
        if (nonEmpty.Count == 0)
        {
            return Fail(NoWordsMessage);
        }

        if (nonEmpty.Sum(g => g.Count) > MaxTerms)
        {
            return Fail(TooManyTermsMessage);
        }

        return new SearchQueryParseResult(new SearchQuery(nonEmpty), null);
    }

    /// <summary>The query as a reader would retype it, normalised.</summary>
    public override string ToString() => string.Join(" OR ", Groups.Select(g => string.Join(' ', g)));

    /// <summary>
    /// The word characters of <paramref name="text"/> as space-separated words; every other character is a
    /// separator, as the index's tokenizer treats it. Letters, digits and combining marks (for scripts such as
    /// Pashto and Dari) are word characters; punctuation, symbols and emoji are not.
    /// </summary>
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        // Stryker disable once Boolean : equivalent, a pending space is only written once the builder holds a word
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsWordCharacter(c))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    private static bool HasWordCharacter(string text) => text.Any(IsWordCharacter);

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static SearchQueryParseResult Fail(string message) => new(null, message);
}
