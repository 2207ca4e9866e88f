using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;

namespace FactCheck.Data.Search;

/// <summary>
/// The read side of the FTS5 index. Reader text reaches SQLite only as bound parameters holding FTS5
/// expressions built by <see cref="ToFts5"/>, in which every word and phrase is a double-quoted FTS5 string;
/// table and column names and numbers are the only things written into the SQL text.
/// Ranking strategy (measured in docs/decisions/search.md): bm25 over every match when there are at most
/// <see cref="SearchResultPage.CountLimit"/>; above that, over the newest that many matches only, since
/// ranking a term found in 300,000 passages costs hundreds of milliseconds and a term that common ranks
/// nothing usefully anyway.
/// </summary>
public sealed partial class SqliteSearchIndex
{
    /// <summary>Distinct words of a claim whose frequency is looked up; claims are short, this bounds long ones.</summary>
    private const int MaxClaimWords = 60;

    /// <summary>How many of a claim's rarest shared words drive the similar-claims query.</summary>
    private const int SimilarTermCount = 8;

    /// <summary>Frequencies are counted up to here; a word in more claims than this explains nothing.</summary>
    private const int FrequencyCap = 2000;

    // Function words are never an explanation of why two claims say the same thing.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "because", "being", "but", "by",
        "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in",
        "into", "is", "it", "its", "may", "more", "no", "not", "of", "on", "or", "our", "over", "said", "she", "so",
        "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up",
        "us", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
        "how", "here", "just", "me", "must", "my", "now", "only", "other", "out", "shall", "should", "such", "very", "where", "while", "why",
    };

    private static readonly Dictionary<SearchKind, KindSql> Kinds = new()
    {
        // Heading: a short column highlighted whole; snippet: the best stretch of the long one (64 tokens at most).
        [SearchKind.Claims] = new("ClaimSearch", "10.0, 5.0, 2.0", HeadingColumn: 1, SnippetColumn: 0),
        [SearchKind.Evidence] = new("EvidenceSearch", "10.0, 3.0, 2.0", HeadingColumn: 2, SnippetColumn: -1),
        [SearchKind.Documents] = new("SourceSearch", "8.0, 2.0, 1.0", HeadingColumn: 0, SnippetColumn: 2),
    };

    public async Task<SearchResultPage> SearchAsync(SearchKind kind, SearchQuery query, SearchFilter filter, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var sql = Kinds[kind];
        // Dates are stored as ISO text in SQLite, so text comparison is date comparison.
        var (joins, conditions, parameters) = SearchFilterSql.Build(kind, filter, $"{sql.Table}.rowid", '$', d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var match = ToFts5(query);
        parameters.Add(("$q", match));
        var from = $"FROM {sql.Table} {joins} WHERE {sql.Table} MATCH $q {conditions}";

        return await WithConnectionAsync(async () =>
        {
            // One walk of the matches, newest first (FTS5 reads a term's matches in rowid order cheaply), gives the
            // capped count and the ranking window at once; the filter is tested here only, since the ranking then
            // reads just these ids. Before, a count, the 1,000th match and the ranking each walked the matches with
            // the filter's joins: "amnesty" within a topic probed 11,000 evidence rows three times.
            var newest = await QueryAsync<long>($"SELECT {sql.Table}.rowid AS Value {from} ORDER BY {sql.Table}.rowid DESC LIMIT {SearchResultPage.CountLimit + 1}", parameters, cancellationToken);
            var total = newest.Count;
            if (total == 0 || offset >= Math.Min(total, SearchResultPage.CountLimit))
            {
                return new SearchResultPage(Math.Min(total, SearchResultPage.CountLimit), total > SearchResultPage.CountLimit, false, []);
            }

            var capped = total > SearchResultPage.CountLimit;
            var window = newest.Take(SearchResultPage.CountLimit).ToList();

            // The unary plus keeps the id list out of FTS5's plan: offered to it as a constraint, FTS5 dropped the
            // rowid range and ranked every match (700 ms for "amnesty" in evidence, against 10 ms).
            var select = string.Create(CultureInfo.InvariantCulture, $"""
                SELECT {sql.Table}.rowid AS Id,
                       highlight({sql.Table}, {sql.HeadingColumn}, char(2), char(3)) AS Heading,
                       snippet({sql.Table}, {sql.SnippetColumn}, char(2), char(3), '…', 48) AS Snippet
                FROM {sql.Table} WHERE {sql.Table} MATCH $q AND {sql.Table}.rowid >= {window[^1]} AND +{sql.Table}.rowid IN (SELECT value FROM json_each($window))
                ORDER BY bm25({sql.Table}, {sql.Weights}), {sql.Table}.rowid DESC
                LIMIT {limit} OFFSET {offset}
                """);
            List<(string, object)> ranking = [("$q", match), ("$window", "[" + string.Join(',', window.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]")];
            var hits = (await QueryAsync<HitRow>(select, ranking, cancellationToken))
                .Select(h => new SearchHit(h.Id, h.Heading ?? "", h.Snippet ?? ""))
                .ToList();

            return new SearchResultPage(Math.Min(total, SearchResultPage.CountLimit), capped, capped, hits);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SimilarClaimMatch>> FindSimilarClaimsAsync(int claimId, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var claim = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => new { c.Quote, c.Summary }).FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return [];
        }

        return await FindSimilarAsync(claim.Quote + " " + claim.Summary, claimId, count, cancellationToken);
    }

    public Task<IReadOnlyList<SimilarClaimMatch>> FindClaimsLikeAsync(string text, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return FindSimilarAsync(text, null, count, cancellationToken);
    }

    /// <summary>
    /// The claims sharing the rarest words of <paramref name="text"/>, ranked by bm25. When the text is claim
    /// <paramref name="ownClaimId"/>'s own, that claim is left out and a word must occur in another claim too.
    /// </summary>
    private async Task<IReadOnlyList<SimilarClaimMatch>> FindSimilarAsync(string text, int? ownClaimId, int count, CancellationToken cancellationToken)
    {
        var words = ClaimWords(text);
        if (words.Count == 0)
        {
            return [];
        }

        // A word only the claim itself uses cannot link it to another; text outside the index needs one other claim.
        var linksAt = ownClaimId is null ? 1 : 2;
        var excluded = ownClaimId ?? 0;
        return await WithConnectionAsync<IReadOnlyList<SimilarClaimMatch>>(async () =>
        {
            // Document frequency of each word over the claims' own text (not the claimant's name: the same
            // speaker is not the same assertion), counted up to a cap, in one statement.
            var parameters = new List<(string, object)>();
            var counts = new StringBuilder();
            for (var i = 0; i < words.Count; i++)
            {
                parameters.Add(($"$w{i}", ClaimTextMatch(SearchQuery.AnyOf([words[i]]))));
                counts.Append(i == 0 ? "" : " UNION ALL ")
                    .Append(CultureInfo.InvariantCulture, $"SELECT {i} AS Term, (SELECT count(*) FROM (SELECT 1 FROM ClaimSearch WHERE ClaimSearch MATCH $w{i} LIMIT {FrequencyCap})) AS Value");
            }

            var frequencies = (await QueryAsync<TermRow>(counts.ToString(), parameters, cancellationToken)).ToDictionary(r => r.Term, r => r.Value);

            // Ids grow with every claim, so the largest is a free estimate of how many there are.
            var claimCount = (await QueryAsync<int>("""SELECT coalesce(max("Id"), 0) AS Value FROM "Claims" """, [], cancellationToken))[0];
            var commonAbove = Math.Max(2, claimCount / 2);

            // A word only this claim uses cannot link it to another; one in most claims links it to everything.
            var distinctive = Enumerable.Range(0, words.Count)
                .Where(i => frequencies.GetValueOrDefault(i) is var df && df >= linksAt && df <= commonAbove && df < FrequencyCap)
                .OrderBy(i => frequencies[i])
                .ThenByDescending(i => words[i].Length)
                .ThenBy(i => words[i], StringComparer.Ordinal)
                .Take(SimilarTermCount)
                .Select(i => words[i])
                .ToList();
            if (distinctive.Count == 0)
            {
                return [];
            }

            var rankParameters = new List<(string, object)> { ("$q", ClaimTextMatch(SearchQuery.AnyOf(distinctive))) };
            var rankSql = string.Create(CultureInfo.InvariantCulture, $"""
                SELECT ClaimSearch.rowid AS Id, bm25(ClaimSearch, 10.0, 5.0, 0.0) AS Bm25 FROM ClaimSearch
                WHERE ClaimSearch MATCH $q AND ClaimSearch.rowid <> {excluded}
                  AND ClaimSearch.rowid >= coalesce((SELECT s.rowid FROM ClaimSearch s WHERE s.ClaimSearch MATCH $q ORDER BY s.rowid DESC LIMIT 1 OFFSET {SearchResultPage.CountLimit - 1}), 0)
                ORDER BY bm25(ClaimSearch, 10.0, 5.0, 0.0), ClaimSearch.rowid DESC
                LIMIT {count}
                """);
            var ranked = await QueryAsync<RankRow>(rankSql, rankParameters, cancellationToken);
            if (ranked.Count == 0)
            {
                return [];
            }

            // Which of the distinctive words each suggestion contains: the explanation shown to the reader.
            var idList = string.Join(',', ranked.Select(r => r.Id));
            var sharedParameters = new List<(string, object)>();
            var shared = new StringBuilder();
            for (var i = 0; i < distinctive.Count; i++)
            {
                sharedParameters.Add(($"$t{i}", ClaimTextMatch(SearchQuery.AnyOf([distinctive[i]]))));
                shared.Append(i == 0 ? "" : " UNION ALL ")
                    .Append(CultureInfo.InvariantCulture, $"SELECT {i} AS Term, rowid AS Value FROM ClaimSearch WHERE ClaimSearch MATCH $t{i} AND rowid IN ({idList})");
            }

            var termsById = ranked.ToDictionary(r => r.Id, _ => new SortedSet<int>());
            foreach (var row in await QueryAsync<TermRow>(shared.ToString(), sharedParameters, cancellationToken))
            {
                termsById[row.Value].Add(row.Term);
            }

            // bm25 is negative in SQLite, lower for a better match; the score turns it round.
            return ranked.Select(r => new SimilarClaimMatch(r.Id, termsById[r.Id].Select(i => distinctive[i]).ToList(), -r.Bm25)).ToList();
        }, cancellationToken);
    }

    /// <summary>
    /// The FTS5 expression for a query: each word or phrase a double-quoted FTS5 string (embedded quotes
    /// doubled), a prefix <c>"word"*</c>, terms joined by AND within a group and groups by OR. Nothing the
    /// reader typed can become an FTS5 operator, column filter or NEAR group.
    /// </summary>
    public static string ToFts5(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join(" OR ", query.Groups.Select(g => "(" + string.Join(" AND ", g.Select(Term)) + ")"));

        static string Term(SearchTerm term) => term.Kind == SearchTermKind.Prefix ? Quote(term.Text) + "*" : Quote(term.Text);

        static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The claim's distinct words, lower-cased, without function words, in order of first use.</summary>
    internal static List<string> ClaimWords(string text)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (current.Length >= 2 && !StopWords.Contains(current.ToString()) && seen.Add(current.ToString()) && words.Count < MaxClaimWords)
            {
                words.Add(current.ToString());
            }

            current.Clear();
        }

        return words;
    }

    private static string ClaimTextMatch(SearchQuery query) => "{Quote Summary} : (" + ToFts5(query) + ")";

    /// <summary>Holds one connection open across a search's several statements, instead of one per statement.</summary>
    private async Task<T> WithConnectionAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs one statement through EF Core rather than a bare ADO.NET command, so that it joins the context's
    /// transaction and passes its command interceptors and logging like every other query of a request.
    /// A DbParameter belongs to one command, so each statement gets its own.
    /// </summary>
    private async Task<List<T>> QueryAsync<T>(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var values = parameters.Select(p => (object)new SqliteParameter(p.Name, p.Value)).ToArray();
#pragma warning disable EF1002 // The SQL text holds only constants, integers and parameter names; values are bound.
        return await db.Database.SqlQueryRaw<T>(sql, values).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    private sealed class HitRow
    {
        public int Id { get; set; }

        public string? Heading { get; set; }

        public string? Snippet { get; set; }
    }

    /// <summary>A similar claim and its raw bm25 rank.</summary>
    private sealed class RankRow
    {
        public int Id { get; set; }

        public double Bm25 { get; set; }
    }

    /// <summary>A word's index in the query's list, with a count or a claim id.</summary>
    private sealed class TermRow
    {
        public int Term { get; set; }

        public int Value { get; set; }
    }

    private sealed record KindSql(string Table, string Weights, int HeadingColumn, int SnippetColumn);
}
