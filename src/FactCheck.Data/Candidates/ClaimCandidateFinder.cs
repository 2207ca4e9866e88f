using System.Text.RegularExpressions;

namespace FactCheck.Data.Candidates;

/// <summary>
/// Finds the quoted statements in a document and who the text says made them, for the editors' list of
/// claim candidates. Precision comes before recall: an editor can add a statement the finder missed, but a
/// wrong speaker put on a quote is worse than no suggestion. So a quote is kept only when
/// <list type="bullet">
/// <item>it is attributed in its own sentence to a named speaker by a speech verb ("…,” Blinken said",
/// "said Taliban spokesman Bilal Karimi", "according to HRW", "Mujahid declared that “…”", "X added:" before a
/// paragraph quoted as a block); an unnamed one ("the group said", "the statement said") is dropped;</item>
/// <item>it is a statement in its own right: at least <see cref="MinimumWords"/> words, and the whole of its
/// sentence on the side where the attribution is not, so that words woven into the reporter's sentence
/// (offering a “life of peace”) are not mistaken for one;</item>
/// <item>"he said" / "she said" resolves only when the same or the previous paragraph attributes speech to
/// exactly one named speaker before it.</item>
/// </list>
/// Measured on the seed documents in docs/claim-candidates.md.
/// </summary>
public static partial class ClaimCandidateFinder
{
    /// <summary>Shorter quotations are scare quotes or labels ("amnesty", "golden opportunity"), not assertions.</summary>
    public const int MinimumWords = 4;

    // Adverbials between a verb and the quote it introduces: "SIGAR reported last year, “…”".
    private const int MaxWordsAfterVerb = 4;

    // A verb that names its listener or medium: "told London’s pan-Arab newspaper Asharq Al-Awsat: “…”".
    private const int MaxWordsAfterObjectVerb = 7;

    // A name longer than this is a run of capitalised words in a headline, not a speaker.
    private const int MaxNameWords = 6;

    private static readonly HashSet<string> SpeechVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "told", "tells", "declared", "declares", "added", "adds", "stated", "states", "warned", "warns",
        "wrote", "writes", "insisted", "insists", "noted", "notes", "explained", "explains", "claimed", "claims",
        "asserted", "asserts", "announced", "announces", "reported", "reports", "argued", "argues", "replied", "replies",
        "responded", "continued", "concluded", "tweeted", "vowed", "urged", "acknowledged", "admitted", "confirmed",
        "recalled", "observed", "emphasized", "emphasised", "stressed", "commented", "remarked", "cautioned",
        "promised", "pledged", "maintained", AccordingTo,
    };

    // These take the listener or the medium as an object ("told reporters", "wrote on Twitter").
    private static readonly HashSet<string> ObjectVerbs = new(StringComparer.OrdinalIgnoreCase) { "told", "tells", "wrote", "writes" };

    // After "“…,” X said" only a place, time or manner may follow; "X reported the accounts" reports something else.
    private static readonly HashSet<string> VerbFollowers = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "to", "during", "after", "before", "while", "when", "without", "from", "via", "through",
        "last", "this", "yesterday", "today", "tonight", "earlier", "later", "adding", "as", "again", "then", "afterwards",
        "recently", "previously", "also", "once", "repeatedly", "shortly", "late", "early",
    };

    // Between a speaker and the verb: "Mujahid later told", "Karimi has said".
    private static readonly HashSet<string> Adverbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "later", "also", "again", "previously", "earlier", "then", "once", "recently", "reportedly", "repeatedly",
        "further", "has", "had", "have", "was", "is", "would", "had", "subsequently", "separately", "already", "once",
    };

    // Set off by commas between a speaker and the verb: "Mujahid, however, later told".
    private static readonly HashSet<string> Interjections = new(StringComparer.OrdinalIgnoreCase)
    {
        "however", "meanwhile", "though", "too", "moreover", "furthermore", "instead", "nonetheless", "nevertheless", "indeed",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she" };

    // Capitalised at the start of a sentence but never part of a name.
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "but", "and", "or", "yet", "so", "then", "however", "meanwhile", "also", "in", "on", "at", "as",
        "when", "while", "after", "before", "during", "later", "earlier", "still", "now", "today", "yesterday", "asked",
        "speaking", "for", "of", "to", "with", "by", "from", "this", "that", "these", "those", "his", "her", "their", "its",
        "our", "my", "last", "next", "if", "although", "though", "because", "since", "until", "instead", "indeed",
        "separately", "even", "he", "she", "it", "they", "we", "i", "you", "there", "here", "what", "who", "which",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    };

    // Titles written in front of a name: part of the role, not of the name.
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "president", "secretary", "secretary-general", "state", "general", "gen.", "minister", "prime", "foreign", "affairs",
        "spokesman", "spokeswoman", "spokesperson", "representative", "rep.", "sen.", "senator", "governor", "gov.", "mayor",
        "dr.", "mr.", "mrs.", "ms.", "prof.", "professor", "lt.", "col.", "maj.", "capt.", "sgt.", "adm.", "commander",
        "chief", "director", "ambassador", "envoy", "special", "deputy", "vice", "high", "commissioner", "judge", "justice",
        "king", "queen", "prince", "sheikh", "officer", "official", "leader", "head", "attorney", "defense", "defence",
        "interior", "un", "u.n.", "us", "u.s.", "eu", "uk", "nato", "acting", "former", "senior",
    };

    // Lower-case words of a role in front of a name: "Taliban spokesman", "former acting defense minister".
    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president", "general", "commander", "official",
        "envoy", "ambassador", "leader", "chief", "director", "representative", "senator", "governor", "negotiator",
        "commissioner", "adviser", "advisor", "analyst", "head", "deputy", "mayor", "judge", "professor", "researcher",
        "editor", "correspondent", "officer", "activist", "lawyer", "member", "chair", "chairman", "chairwoman", "founder",
        "executive", "inspector", "former", "senior", "top", "acting", "defense", "defence", "foreign", "interior", "military",
        "police", "army", "party", "opposition", "government", "affairs", "state", "special", "vice", "prime",
    };

    // Lower-case words inside a name: "Voice of America", "Osama bin Laden", "Secretary of State".
    private static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    {
        "of", "for", "bin", "al", "de", "la", "van", "von", "der", "du", "da", "dos", "el", "and",
    };

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "gen.", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "lt.", "col.", "st.", "jr.", "sr.", "prof.", "capt.",
        "sgt.", "maj.", "adm.", "no.", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "mt.", "vs.",
    };

    private const string AccordingTo = "according to";

    /// <summary>Every attributed quoted statement in <paramref name="text"/>, in document order.</summary>
    public static IReadOnlyList<ClaimCandidate> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = Paragraphs(text);
        var quotes = QuotationFinder.Find(text, paragraphs);
        var blocks = BlockQuotes(text, paragraphs);

        // Speech verbs inside quotations are the speaker's words, not attributions.
        var masked = text.ToCharArray();
        foreach (var quote in quotes)
        {
            Array.Fill(masked, ' ', quote.Open + 1, Math.Max(0, quote.Close - quote.Open - 1));
        }

        var maskedText = new string(masked);
        var mentions = new Mentions(maskedText, paragraphs);

        var found = new List<ClaimCandidate>();
        foreach (var quote in quotes.Concat(blocks).OrderBy(q => q.ContentStart))
        {
            var (start, end) = (quote.ContentStart, quote.ContentEnd);
            if (end <= start || WordCount(text, start, end) < MinimumWords)
            {
                continue;
            }

            var attribution = quote.IsBlock
                ? Before(maskedText, quote, paragraphs)
                : After(maskedText, quote, paragraphs) ?? Before(maskedText, quote, paragraphs);
            var speaker = attribution switch
            {
                null => null,
                { IsPronoun: true } => mentions.SoleSpeakerBefore(quote.Open),
                _ => mentions.Complete(attribution.Name!, attribution.Role, quote.Open, attribution.AfterArticle),
            };
            if (speaker is not null)
            {
                found.Add(new ClaimCandidate(speaker.Name!, speaker.Role, text[start..end], start, end));
            }
        }

        return found;
    }

    /// <summary>A paragraph, by its first character and the end of its text (exclusive); lines are paragraphs.</summary>
    internal readonly record struct Paragraph(int Start, int End);

    /// <summary>A quotation: its marks' positions and the quoted words between them (see <see cref="ClaimCandidate"/>).</summary>
    internal sealed record Quotation(int Open, int Close, int ContentStart, int ContentEnd, bool IsBlock = false);

    private sealed record Attribution(string? Name, string? Role, bool IsPronoun = false, bool AfterArticle = false)
    {
        public static Attribution Pronoun { get; } = new(null, null, IsPronoun: true);
    }

    internal static List<Paragraph> Paragraphs(string text)
    {
        var paragraphs = new List<Paragraph>();
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var trimmedEnd = end;
            while (trimmedEnd > start && char.IsWhiteSpace(text[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            var trimmedStart = start;
            while (trimmedStart < trimmedEnd && char.IsWhiteSpace(text[trimmedStart]))
            {
                trimmedStart++;
            }

            if (trimmedEnd > trimmedStart)
            {
                paragraphs.Add(new Paragraph(trimmedStart, trimmedEnd));
            }

            if (newline < 0)
            {
                break;
            }

            start = newline + 1;
        }

        return paragraphs;
    }

    internal static int ParagraphAt(List<Paragraph> paragraphs, int position)
    {
        for (var i = paragraphs.Count - 1; i >= 0; i--)
        {
            if (paragraphs[i].Start <= position)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>
    /// A paragraph with no quotation marks introduced by an attribution that ends the paragraph before it
    /// with a colon ("the Taliban later added:"): the usual way of quoting a long passage.
    /// </summary>
    private static List<Quotation> BlockQuotes(string text, List<Paragraph> paragraphs)
    {
        var blocks = new List<Quotation>();
        for (var i = 0; i + 1 < paragraphs.Count; i++)
        {
            var (intro, block) = (paragraphs[i], paragraphs[i + 1]);
            if (text[intro.End - 1] != ':' || QuotationFinder.IsQuoteMark(text[block.Start]))
            {
                continue;
            }

            blocks.Add(new Quotation(intro.End, block.End, block.Start, block.End, IsBlock: true));
        }

        return blocks;
    }

    /// <summary>"…,” X said", "…,” said X", "…,” according to X", "…,” he said": the quote must open its sentence.</summary>
    private static Attribution? After(string text, Quotation quote, List<Paragraph> paragraphs)
    {
        var opening = paragraphs[ParagraphAt(paragraphs, quote.Open)];
        if (!OpensSentence(text, quote.Open, opening.Start))
        {
            return null;
        }

        var closing = paragraphs[ParagraphAt(paragraphs, quote.Close)];
        var from = quote.Close + 1;
        var tokens = Tokenize(text[from..SentenceEnd(text, from, closing.End)]);
        while (tokens.Count > 0 && tokens[0] is "," or ".")
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Count == 0)
        {
            return null;
        }

        if (IsSpeechVerb(tokens[0]))
        {
            return SpeakerAfterVerb(tokens[1..]);
        }

        var verb = tokens.FindIndex(IsSpeechVerb);
        if (verb <= 0 || verb > MaxNameWords + 6)
        {
            return null;
        }

        if (verb + 1 < tokens.Count && !ObjectVerbs.Contains(tokens[verb]) && !FollowsVerb(tokens[verb + 1]))
        {
            return null;
        }

        return SpeakerBeforeVerb(tokens[..verb]);
    }

    /// <summary>"X said, “…”", "X declared that “…”", "according to X, “…”", "X added:" before a block: the quote must end its sentence.</summary>
    private static Attribution? Before(string text, Quotation quote, List<Paragraph> paragraphs)
    {
        var paragraph = paragraphs[ParagraphAt(paragraphs, quote.Open)];
        if (!quote.IsBlock && !EndsSentence(text, quote, paragraphs[ParagraphAt(paragraphs, quote.Close)]))
        {
            return null;
        }

        var tokens = Tokenize(text[SentenceStart(text, quote.Open, paragraph.Start)..quote.Open]);
        if (tokens.Count < 2)
        {
            return null;
        }

        var last = tokens[^1];
        var isThat = last.Equals("that", StringComparison.OrdinalIgnoreCase);
        if (!isThat && last is not ("," or ":"))
        {
            return null;
        }

        tokens.RemoveAt(tokens.Count - 1);
        for (var verb = tokens.Count - 1; verb >= 0; verb--)
        {
            if (!IsSpeechVerb(tokens[verb]))
            {
                continue;
            }

            var between = tokens[(verb + 1)..];
            if (between.Contains(",") || between.Contains(":"))
            {
                if (tokens[verb] != AccordingTo)
                {
                    return null;
                }
            }

            if (tokens[verb] == AccordingTo)
            {
                return isThat ? null : SpeakerAfterVerb(between);
            }

            var limit = isThat ? 3 : ObjectVerbs.Contains(tokens[verb]) ? MaxWordsAfterObjectVerb : MaxWordsAfterVerb;
            return between.Count <= limit ? SpeakerBeforeVerb(tokens[..verb]) : null;
        }

        return null;
    }

    /// <summary>"said Taliban spokesman Bilal Karimi, the group's envoy", "reports Voice of America (VOA)".</summary>
    private static Attribution? SpeakerAfterVerb(List<string> tokens)
    {
        var groups = Groups(tokens);
        if (groups.Count == 0 || groups[0].Count == 0)
        {
            return null;
        }

        // The name ends where the sentence goes on with a lower-case word that is neither role nor connector: "said Blinken on Monday".
        var phrase = groups[0];
        var cut = phrase.FindIndex(1, w => !IsCapitalized(w) && !NameConnectors.Contains(w) && !RoleWords.Contains(w) && !FunctionWords.Contains(w)
            || w is "on" or "in" or "at" or "during" or "after" or "to" or "as" or "when" or "while");
        if (cut > 0)
        {
            phrase = phrase[..cut];
        }

        var named = Named(phrase);
        if (named is null)
        {
            return null;
        }

        var appositive = groups.Count > 1 && IsRoleLike(groups[1]) ? string.Join(' ', groups[1]) : null;
        return named with { Role = named.Role ?? appositive };
    }

    /// <summary>"Taliban spokesman Bilal Karimi", "Volker Türk, the UN High Commissioner,", "Mujahid, however, later", "he".</summary>
    private static Attribution? SpeakerBeforeVerb(List<string> tokens)
    {
        var words = new List<string>(tokens);
        while (true)
        {
            if (words.Count > 0 && Adverbs.Contains(words[^1]))
            {
                words.RemoveAt(words.Count - 1);
            }
            else if (words.Count >= 3 && words[^1] == "," && Interjections.Contains(words[^2]) && words[^3] == ",")
            {
                words.RemoveRange(words.Count - 3, 3);
            }
            else if (words.Count > 0 && words[^1] == ",")
            {
                words.RemoveAt(words.Count - 1);
            }
            else
            {
                break;
            }
        }

        if (words.Count == 1 && Pronouns.Contains(words[0]))
        {
            return Attribution.Pronoun;
        }

        var groups = Groups(words);
        if (groups.Count == 0)
        {
            return null;
        }

        if (groups.Count >= 2 && IsRoleLike(groups[^1]) && Named(groups[^2]) is { } person)
        {
            return person with { Role = person.Role ?? string.Join(' ', groups[^1]) };
        }

        return Named(groups[^1]);
    }

    /// <summary>
    /// The name at the end of a phrase, with the role written before it: the last run of capitalised words
    /// ("Taliban spokesman Bilal Karimi" gives "Bilal Karimi", role "Taliban spokesman"). Null when the phrase
    /// does not end in a name ("the group", "the statement").
    /// </summary>
    private static Attribution? Named(List<string> words)
    {
        if (words.Count == 0 || !IsCapitalized(words[^1]))
        {
            return null;
        }

        var runStart = words.Count - 1;
        while (runStart > 0)
        {
            if (IsCapitalized(words[runStart - 1]))
            {
                runStart--;
            }
            else if (runStart >= 2 && NameConnectors.Contains(words[runStart - 1]) && IsCapitalized(words[runStart - 2]))
            {
                runStart -= 2;
            }
            else
            {
                break;
            }
        }

        var titles = new List<string>();
        var nameStart = runStart;
        while (nameStart < words.Count - 1)
        {
            var word = words[nameStart];
            if (Titles.Contains(word) || (titles.Count > 0 && NameConnectors.Contains(word)))
            {
                titles.Add(word);
            }
            else if (!FunctionWords.Contains(word) || titles.Count > 0)
            {
                break;
            }

            nameStart++;
        }

        var name = words[nameStart..];
        if (name.Count > MaxNameWords || name.All(w => FunctionWords.Contains(w) || Titles.Contains(w) && name.Count > 1) || (name.Count == 1 && FunctionWords.Contains(name[0])))
        {
            return null;
        }

        var roleStart = runStart;
        while (roleStart > 0 && (RoleWords.Contains(words[roleStart - 1]) || (IsCapitalized(words[roleStart - 1]) && !FunctionWords.Contains(words[roleStart - 1]))))
        {
            roleStart--;
        }

        var role = words[roleStart..runStart].Concat(titles).ToList();
        var hasRole = role.Any(w => RoleWords.Contains(w) || Titles.Contains(w));
        var afterArticle = runStart > 0 && words[runStart - 1].Equals("the", StringComparison.OrdinalIgnoreCase);
        return new Attribution(string.Join(' ', name), hasRole ? string.Join(' ', role) : null, AfterArticle: afterArticle || (nameStart > 0 && words[nameStart - 1].Equals("the", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An appositive that describes rather than names: "the UN High Commissioner", "spokesperson for the foreign ministry".</summary>
    private static bool IsRoleLike(List<string> group) =>
        group.Count > 0 && !IsCapitalized(group[0]) && group.Any(w => RoleWords.Contains(w) || Titles.Contains(w) || w is "member" or "head");

    private static List<List<string>> Groups(List<string> tokens)
    {
        var groups = new List<List<string>> { new() };
        foreach (var token in tokens)
        {
            if (token is "," or ":" or ";")
            {
                groups.Add([]);
            }
            else
            {
                groups[^1].Add(token);
            }
        }

        return groups.Where(g => g.Count > 0).ToList();
    }

    private static bool IsSpeechVerb(string token) => SpeechVerbs.Contains(token);

    private static bool FollowsVerb(string token) => token is "," or ";" or ":" || IsCapitalized(token) || VerbFollowers.Contains(token);

    private static bool IsCapitalized(string word) => word.Length > 0 && char.IsUpper(word[0]);

    private static int WordCount(string text, int start, int end) => WordPattern().Count(text.AsSpan(start, end - start));

    /// <summary>
    /// Words (keeping inner periods, hyphens and apostrophes: "U.S.", "Al-Awsat", "London’s") and the commas,
    /// colons and semicolons that separate phrases; "according to" is one token. Parenthesised asides ("(VOA)") are dropped.
    /// </summary>
    private static List<string> Tokenize(string clause)
    {
        var tokens = new List<string>();
        foreach (Match match in TokenPattern().Matches(Parenthesised().Replace(clause, " ")))
        {
            var token = match.Value;
            if (token.EndsWith('.') && !Abbreviations.Contains(token) && !InitialsPattern().IsMatch(token))
            {
                token = token.TrimEnd('.');
            }

            if (token.Length == 0)
            {
                continue;
            }

            if (token.Equals("to", StringComparison.OrdinalIgnoreCase) && tokens.Count > 0 && tokens[^1].Equals("according", StringComparison.OrdinalIgnoreCase))
            {
                tokens[^1] = AccordingTo;
                continue;
            }

            tokens.Add(token);
        }

        return tokens;
    }

    /// <summary>Whether a quote starts its sentence: at the paragraph's start, or after a full stop, question mark, exclamation mark or colon.</summary>
    private static bool OpensSentence(string text, int open, int paragraphStart)
    {
        var i = open - 1;
        while (i >= paragraphStart && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        while (i >= paragraphStart && QuotationFinder.IsQuoteMark(text[i]))
        {
            i--;
        }

        return i < paragraphStart || text[i] is '.' or '!' or '?' or ':' or '…';
    }

    /// <summary>Whether a quote ends its sentence: the paragraph ends, or the sentence's last mark is inside or right after the quote.</summary>
    private static bool EndsSentence(string text, Quotation quote, Paragraph paragraph)
    {
        var after = quote.Close + 1;
        while (after < paragraph.End && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        if (after >= paragraph.End || text[after] is '.' or '!' or '?')
        {
            return true;
        }

        var last = quote.Close - 1;
        while (last > quote.Open && (char.IsWhiteSpace(text[last]) || QuotationFinder.IsQuoteMark(text[last])))
        {
            last--;
        }

        return text[last] is '.' or '!' or '?' or '…' && (char.IsUpper(text[after]) || QuotationFinder.IsQuoteMark(text[after]));
    }

    /// <summary>Where the sentence holding <paramref name="position"/> starts, not counting abbreviations' full stops.</summary>
    internal static int SentenceStart(string text, int position, int paragraphStart)
    {
        for (var i = position - 1; i > paragraphStart; i--)
        {
            if (text[i] is '.' or '!' or '?' && i + 1 < position && IsSentenceBreak(text, i, paragraphStart))
            {
                var start = i + 1;
                while (start < position && (QuotationFinder.IsQuoteMark(text[start]) || char.IsWhiteSpace(text[start])))
                {
                    start++;
                }

                return start;
            }
        }

        return paragraphStart;
    }

    /// <summary>Where the sentence starting at or before <paramref name="from"/> ends (exclusive), within the paragraph.</summary>
    internal static int SentenceEnd(string text, int from, int paragraphEnd)
    {
        for (var i = from; i < paragraphEnd; i++)
        {
            if (text[i] is '.' or '!' or '?' && IsSentenceBreak(text, i, from))
            {
                return i;
            }
        }

        return paragraphEnd;
    }

    private static bool IsSentenceBreak(string text, int stop, int floor)
    {
        var next = stop + 1;
        while (next < text.Length && QuotationFinder.IsQuoteMark(text[next]))
        {
            next++;
        }

        if (next < text.Length && !char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        var wordStart = stop;
        while (wordStart > floor && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..(stop + 1)];
        return !Abbreviations.Contains(word) && !InitialsPattern().IsMatch(word);
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}\[\]][\p{L}\p{M}\p{N}.'’\-\[\]]*|[,:;]")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesised();

    // "U.S.", "U.N.", "J.": full stops that do not end a sentence.
    [GeneratedRegex(@"^(\p{Lu}\.)+$")]
    private static partial Regex InitialsPattern();

    /// <summary>
    /// Every speech verb with a named subject in the text (quoted or not: "But Blinken said it was not taken
    /// for granted"), to complete surnames and resolve "he said".
    /// </summary>
    private sealed class Mentions
    {
        private readonly string _text;
        private readonly List<Paragraph> _paragraphs;
        private readonly List<(int Position, int Paragraph, Attribution Speaker)> _speakers = [];

        public Mentions(string maskedText, List<Paragraph> paragraphs)
        {
            _text = maskedText;
            _paragraphs = paragraphs;
            for (var p = 0; p < paragraphs.Count; p++)
            {
                var start = paragraphs[p].Start;
                while (start < paragraphs[p].End)
                {
                    var end = SentenceEnd(maskedText, start, paragraphs[p].End);
                    var tokens = Tokenize(maskedText[start..end]);
                    for (var verb = 1; verb < tokens.Count; verb++)
                    {
                        if (IsSpeechVerb(tokens[verb]) && tokens[verb] != AccordingTo && SpeakerBeforeVerb(tokens[..verb]) is { IsPronoun: false } named)
                        {
                            _speakers.Add((start, p, Complete(named.Name!, named.Role, start, named.AfterArticle)));
                        }
                    }

                    start = end + 1;
                }
            }
        }

        /// <summary>The one named speaker of the quote's paragraph (before it) and the previous paragraph; null when none or several.</summary>
        public Attribution? SoleSpeakerBefore(int position)
        {
            var paragraph = ParagraphAt(_paragraphs, position);
            var nearby = _speakers.Where(s => s.Position < position && s.Paragraph >= paragraph - 1).Select(s => s.Speaker).ToList();
            return nearby.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() == 1 ? nearby[^1] : null;
        }

        /// <summary>
        /// A surname completed from the last earlier mention of the full name ("Bachelet" after "Michelle Bachelet"),
        /// and a role taken from that mention when the attribution gives none. An organisation named with its
        /// article ("the Taliban said") is left as it is: "Afghan Taliban" is not its full name.
        /// </summary>
        public Attribution Complete(string name, string? role, int position, bool afterArticle)
        {
            if (role is not null && name.Contains(' ', StringComparison.Ordinal))
            {
                return new Attribution(name, role);
            }

            var pattern = new Regex(@"(?<![\p{L}\p{M}])" + Regex.Escape(name) + @"(?![\p{L}\p{M}])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            foreach (var match in pattern.Matches(_text[..Math.Min(position, _text.Length)]).Reverse())
            {
                // "(SIGAR)" spells out what comes before it, which is a name of its own, not a first name.
                if (match.Index > 0 && _text[match.Index - 1] == '(')
                {
                    continue;
                }

                var paragraph = _paragraphs[ParagraphAt(_paragraphs, match.Index)];
                var groupStart = Math.Max(SentenceStart(_text, match.Index, paragraph.Start), _text.LastIndexOfAny([',', ';', ':'], match.Index) + 1);
                var mention = Named(Tokenize(_text[groupStart..(match.Index + match.Length)]));
                if (mention is null || !mention.Name!.EndsWith(name, StringComparison.Ordinal))
                {
                    continue;
                }

                var fullName = afterArticle || mention.Name.Length == name.Length ? name : mention.Name;
                var mentionRole = mention.Role ?? Appositive(match.Index + match.Length, paragraph.End);
                if (fullName != name || mentionRole is not null)
                {
                    return new Attribution(fullName, role ?? mentionRole);
                }
            }

            return new Attribution(name, role);
        }

        // ", the United Nations High Commissioner for Human Rights," right after a name.
        private string? Appositive(int afterName, int paragraphEnd)
        {
            if (afterName >= paragraphEnd || _text[afterName] != ',')
            {
                return null;
            }

            var end = _text.IndexOfAny([',', ';', ':'], afterName + 1, paragraphEnd - afterName - 1);
            var group = Tokenize(_text[(afterName + 1)..(end < 0 ? SentenceEnd(_text, afterName + 1, paragraphEnd) : end)]);
            return IsRoleLike(group) ? string.Join(' ', group) : null;
        }
    }
}
