using System.Text;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// The fixed word list synthetic documents are written from: real English words at the top ranks, then
/// pronounceable made-up words, drawn with a Zipf-like distribution (the n-th word about 1/n as often as
/// the first), so that the archive has the very common and the very rare terms real text has. The list
/// does not depend on the generator's seed, so benchmark terms stay valid for every database.
/// </summary>
public sealed class GenerationVocabulary
{
    public const int Size = 30_000;

    /// <summary>Terms the benchmark searches for, placed at fixed ranks (1-based).</summary>
    public static IReadOnlyDictionary<string, int> PlacedWords { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["government"] = 25,
        ["ministry"] = 40,
        ["negotiations"] = 400,
        ["negotiator"] = 1_500,
        ["ceasefire"] = 2_500,
        ["negotiated"] = 6_000,
        ["smuggling"] = 24_000,
        ["quarantine"] = 28_000,
    };

    /// <summary>
    /// Multi-word phrases dropped into sentences (about one sentence in five has one), most often the first:
    /// what a phrase query such as "security forces" finds.
    /// </summary>
    public static IReadOnlyList<string> Phrases { get; } =
    [
        "security forces", "human rights", "former government", "press conference", "interior ministry",
        "peace talks", "amnesty decree", "election commission", "central bank", "state media",
        "foreign aid", "border crossing", "civil servants", "armed groups", "public health",
        "local officials", "independent observers", "united nations", "supreme court", "refugee camps",
        "economic crisis", "food prices", "school closures", "water supply", "national budget",
    ];

    // Ordered roughly by English frequency; the domain words follow the function words.
    private static readonly string[] CommonWords =
    [
        "the", "of", "and", "to", "in", "a", "that", "is", "was", "for", "on", "it", "with", "as", "said",
        "by", "at", "from", "his", "an", "were", "are", "which", "this", "be", "have", "has", "had", "not", "but",
        "they", "their", "or", "its", "been", "more", "who", "will", "would", "there", "all", "after", "about", "also",
        "people", "new", "one", "two", "than", "other", "when", "into", "over", "year", "years", "some", "could", "any",
        "officials", "state", "country", "report", "forces", "police", "public", "national", "security", "military",
        "president", "leader", "leaders", "minister", "statement", "spokesman", "spokeswoman", "office", "local", "law",
        "rights", "international", "power", "election", "attack", "attacks", "war", "peace", "talks", "group", "groups",
        "city", "province", "capital", "region", "district", "border", "army", "party", "council", "court", "judge",
        "prison", "prisoners", "families", "women", "children", "students", "schools", "workers", "journalists", "media",
        "news", "agency", "press", "interview", "video", "record", "records", "evidence", "claims", "claim", "denied",
        "confirmed", "announced", "promised", "pledged", "warned", "according", "during", "before", "since", "while",
        "against", "between", "under", "without", "because", "however", "despite", "several", "many", "most", "few",
        "week", "month", "months", "days", "day", "today", "last", "first", "second", "third", "former", "current",
        "high", "large", "small", "major", "senior", "foreign", "economic", "political", "civil", "human", "health",
        "food", "water", "money", "budget", "funds", "aid", "support", "program", "plan", "policy", "decision", "order",
        "decree", "amnesty", "pledge", "pledges", "promise", "commitment", "violence", "killings", "arrests", "detained",
        "released", "reported", "investigation", "inquiry", "witnesses", "sources", "documents", "data", "figures",
        "percent", "million", "billion", "thousands", "hundreds", "dozens", "number", "rate", "prices", "market",
        "trade", "oil", "gas", "energy", "electricity", "roads", "hospital", "hospitals", "doctors", "vaccine",
        "disease", "outbreak", "crisis", "emergency", "relief", "refugees", "camp", "camps", "displaced", "returned",
        "administration", "authorities", "department", "committee", "commission", "parliament", "senate", "vote",
        "votes", "voters", "campaign", "candidate", "opposition", "protest", "protests", "demonstrators", "crowd",
    ];

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kh", "sh", "st", "tr", "pl"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ee", "ia"];
    private static readonly string[] Codas = ["", "", "", "n", "r", "l", "s", "m", "st", "nd"];

    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly double[] _phraseCumulative;

    public GenerationVocabulary()
    {
        _words = BuildWords();
        _cumulative = Cumulative(_words.Length, exponent: 1.0);
        _phraseCumulative = Cumulative(Phrases.Count, exponent: 0.8);
    }

    /// <summary>The word at a 1-based rank.</summary>
    public string this[int rank] => _words[rank - 1];

    public string NextWord(Random random) => _words[Sample(_cumulative, random)];

    /// <summary>A word from the top <paramref name="topRanks"/> ranks, uniformly: names and headings.</summary>
    public string NextWordAmongTop(Random random, int topRanks) => _words[random.Next(Math.Min(topRanks, _words.Length))];

    /// <summary>A made-up word (ranks beyond the real-word lists), capitalised: for names of people and places.</summary>
    public string NextName(Random random)
    {
        var word = _words[random.Next(CommonWords.Length + 50, 8_000)];
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    public string NextPhrase(Random random) => Phrases[Sample(_phraseCumulative, random)];

    /// <summary>
    /// Appends one sentence of <paramref name="minWords"/> to <paramref name="maxWords"/> words: capitalised,
    /// sometimes with a comma or a phrase, ending in a full stop.
    /// </summary>
    public void AppendSentence(StringBuilder text, Random random, int minWords, int maxWords)
    {
        var count = random.Next(minWords, maxWords + 1);
        var start = text.Length;
        var phraseAt = random.NextDouble() < 0.2 ? random.Next(count) : -1;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(random.NextDouble() < 0.06 ? ", " : " ");
            }

            text.Append(i == phraseAt ? NextPhrase(random) : NextWord(random));
        }

        text[start] = char.ToUpperInvariant(text[start]);
        text.Append('.');
    }

    public string Sentence(Random random, int minWords, int maxWords)
    {
        var text = new StringBuilder();
        AppendSentence(text, random, minWords, maxWords);
        return text.ToString();
    }

    /// <summary>Title Case words from the common ranks: "Ministry Officials Confirm Border Talks".</summary>
    public string Title(Random random, int minWords, int maxWords)
    {
        var count = random.Next(minWords, maxWords + 1);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var word = NextWordAmongTop(random, 3_000);
            words[i] = char.ToUpperInvariant(word[0]) + word[1..];
        }

        return string.Join(' ', words);
    }

    private static string[] BuildWords()
    {
        var words = new string?[Size];
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (word, rank) in PlacedWords)
        {
            words[rank - 1] = word;
            used.Add(word);
        }

        var next = 0;
        foreach (var word in CommonWords.Where(used.Add))
        {
            while (words[next] is not null)
            {
                next++;
            }

            words[next] = word;
        }

        // A fixed seed: the vocabulary is part of the format, not of one generated database.
        var random = new Random(20_211_205);
        for (var i = 0; i < Size; i++)
        {
            if (words[i] is not null)
            {
                continue;
            }

            string candidate;
            do
            {
                candidate = MadeUpWord(random);
            }
            while (!used.Add(candidate));
            words[i] = candidate;
        }

        return words!;
    }

    private static string MadeUpWord(Random random)
    {
        var builder = new StringBuilder();
        var syllables = random.Next(2, 5);
        for (var i = 0; i < syllables; i++)
        {
            builder.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
        }

        return builder.Append(Codas[random.Next(Codas.Length)]).ToString();
    }

    private static double[] Cumulative(int count, double exponent)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var rank = 1; rank <= count; rank++)
        {
            total += 1.0 / Math.Pow(rank, exponent);
            cumulative[rank - 1] = total;
        }

        return cumulative;
    }

    /// <summary>An index drawn with the weights whose running totals are <paramref name="cumulative"/>.</summary>
    internal static int Sample(double[] cumulative, Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }

    /// <summary>Running totals of Zipf weights 1/rank^exponent for <paramref name="count"/> ranks.</summary>
    internal static double[] ZipfWeights(int count, double exponent) => Cumulative(count, exponent);
}
