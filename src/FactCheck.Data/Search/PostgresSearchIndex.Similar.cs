using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Search;

/// <summary>
/// Similar claims on PostgreSQL: the method of <see cref="SqliteSearchIndex"/> (the claim's rarest words by
/// document frequency over claims' quotes and summaries, at most <see cref="SimilarTermCount"/> of them, one OR
/// query over them). PostgreSQL has no bm25, and ts_rank_cd knows nothing of how rare a word is, which is
/// the whole point here; so the score is bm25's own idea in SQL: each shared word's IDF (from the frequencies
/// already counted) times its column's bm25 weight (quote 10, summary 5). The same statement says which words
/// each suggestion shares.
/// </summary>
public sealed partial class PostgresSearchIndex
{
    /// <summary>How many of a claim's rarest shared words drive the similar-claims query.</summary>
    private const int SimilarTermCount = 8;

    /// <summary>Frequencies are counted up to here; a word in more claims than this explains nothing.</summary>
    private const int FrequencyCap = 2000;

    /// <summary>
    /// The first count's cap: a typical claim of the benchmark archive has its eight rarest words below it, so its
    /// common words are counted to here instead of to <see cref="FrequencyCap"/>.
    /// </summary>
    private const int FirstFrequencyCap = 500;

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

    private async Task<IReadOnlyList<SimilarClaimMatch>> FindSimilarAsync(string text, int? ownClaimId, int count, CancellationToken cancellationToken)
    {
        var words = SqliteSearchIndex.ClaimWords(text);
        if (words.Count == 0)
        {
            return [];
        }

        var linksAt = ownClaimId is null ? 1 : 2;
        var excluded = ownClaimId ?? 0;
        return await WithConnectionAsync<IReadOnlyList<SimilarClaimMatch>>(async () =>
        {
            // Document frequency over quote and summary (weights A and B: not the claimant's name), each count
            // stopped at a cap by its LIMIT, all in one statement. A word the english configuration drops as a
            // stop word is an empty tsquery, matches nothing and so is never chosen. Each counted match is a heap
            // page opened to check the weights, and a claim's common words paid most of them (a typical claim at
            // 100,000 claims: 8,700 pages, 35 ms, half of them for four words that were never chosen). So the
            // words are counted first up to FirstFrequencyCap: when that many words are already known exactly
            // below it, no word at or above it can be among the SimilarTermCount rarest, and only otherwise are the
            // capped words counted again up to FrequencyCap. The words chosen and their counts are the same.
            var frequencies = await CountClaimsAsync(words, Enumerable.Range(0, words.Count), FirstFrequencyCap, cancellationToken);
            var knownBelow = frequencies.Count(f => f.Value >= linksAt && f.Value < FirstFrequencyCap);
            if (knownBelow < SimilarTermCount)
            {
                var capped = frequencies.Where(f => f.Value >= FirstFrequencyCap).Select(f => f.Key).ToList();
                if (capped.Count > 0)
                {
                    foreach (var (term, value) in await CountClaimsAsync(words, capped, FrequencyCap, cancellationToken))
                    {
                        frequencies[term] = value;
                    }
                }
            }

            // Ids grow with every claim, so the largest is a free estimate of how many there are.
            var claimCount = (await QueryAsync<int>("""SELECT coalesce(max("Id"), 0) AS "Value" FROM "Claims" """, [], cancellationToken))[0];
            var commonAbove = Math.Max(2, claimCount / 2);

            var distinctive = Enumerable.Range(0, words.Count)
                .Where(i => frequencies.GetValueOrDefault(i) is var df && df >= linksAt && df <= commonAbove && df < FrequencyCap)
                .OrderBy(i => frequencies[i])
                .ThenByDescending(i => words[i].Length)
                .ThenBy(i => words[i], StringComparer.Ordinal)
                .Take(SimilarTermCount)
                .ToList();
            if (distinctive.Count == 0)
            {
                return [];
            }

            // Per word: a tsquery limited to the quote (A) and one to the summary (B); the score adds, for each
            // word a claim shares, its IDF times 10 in the quote, else 5 in the summary, as bm25 weighs them.
            var rankParameters = new List<(string, object)>();
            var any = new List<string>();
            var score = new List<string>();
            var shares = new List<string>();
            for (var k = 0; k < distinctive.Count; k++)
            {
                var word = words[distinctive[k]];
                rankParameters.Add(($"@a{k}", Lexeme(word) + ":A"));
                rankParameters.Add(($"@b{k}", Lexeme(word) + ":B"));
                rankParameters.Add(($"@ab{k}", ClaimTextLexeme(word)));
                var df = frequencies[distinctive[k]];
                var idf = Math.Log(((Math.Max(claimCount, df) - df + 0.5) / (df + 0.5)) + 1);
                any.Add($"to_tsquery('{Config}', @ab{k})");
                score.Add(string.Create(CultureInfo.InvariantCulture,
                    $"CASE WHEN s.\"SearchVector\" @@ to_tsquery('{Config}', @a{k}) THEN {10 * idf:R} WHEN s.\"SearchVector\" @@ to_tsquery('{Config}', @b{k}) THEN {5 * idf:R} ELSE 0 END"));
                shares.Add(string.Create(CultureInfo.InvariantCulture, $"CASE WHEN s.\"SearchVector\" @@ to_tsquery('{Config}', @ab{k}) THEN {1L << k} ELSE 0 END"));
            }

            // The matches are read once, through the GIN index, and both the newest-1,000 window and the ranking
            // work on that set. Asked for "the 1,000th newest match" directly, the planner walked the primary key
            // backwards testing every claim's vector: 48,000 rows and 56 ms for a typical claim at 100,000 claims,
            // where the bitmap read of its 2,090 matches takes 9.6 ms. The words are the claim's rarest, each in at
            // most FrequencyCap claims, so the set is bounded.
            var match = $"""s."SearchVector" @@ ({string.Join(" || ", any)})""";
            var rankSql = string.Create(CultureInfo.InvariantCulture, $"""
                WITH m AS MATERIALIZED (SELECT s."Id", s."SearchVector" FROM "ClaimSearch" s WHERE {match})
                SELECT s."Id", ({string.Join(" + ", score)})::float8 AS "Score", ({string.Join(" + ", shares)})::bigint AS "Shares"
                FROM m s
                WHERE s."Id" <> {excluded}
                  AND s."Id" >= coalesce((SELECT w."Id" FROM m w ORDER BY w."Id" DESC LIMIT 1 OFFSET {SearchResultPage.CountLimit - 1}), 0)
                ORDER BY 2 DESC, s."Id" DESC
                LIMIT {count}
                """);
            var ranked = await QueryAsync<RankRow>(rankSql, rankParameters, cancellationToken);

            // Shared words in the order chosen: rarest first, as on SQLite.
            return ranked
                .Select(r => new SimilarClaimMatch(
                    r.Id,
                    Enumerable.Range(0, distinctive.Count).Where(k => (r.Shares & (1L << k)) != 0).Select(k => words[distinctive[k]]).ToList(),
                    r.Score))
                .ToList();
        }, cancellationToken);
    }

    /// <summary>
    /// How many claims hold each of the given words in their quote or summary, each counted up to
    /// <paramref name="cap"/>, in one statement; keyed by the word's index in <paramref name="words"/>.
    /// </summary>
    private async Task<Dictionary<int, int>> CountClaimsAsync(List<string> words, IEnumerable<int> terms, int cap, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object)>();
        var counts = new StringBuilder();
        foreach (var i in terms)
        {
            parameters.Add(($"@w{i}", ClaimTextLexeme(words[i])));
            counts.Append(counts.Length == 0 ? "" : " UNION ALL ")
                .Append(CultureInfo.InvariantCulture, $"""SELECT {i} AS "Term", (SELECT count(*)::int FROM (SELECT 1 FROM "ClaimSearch" WHERE "SearchVector" @@ to_tsquery('{Config}', @w{i}) LIMIT {cap}) m) AS "Value" """);
        }

        return (await QueryAsync<TermRow>(counts.ToString(), parameters, cancellationToken)).ToDictionary(r => r.Term, r => r.Value);
    }

    /// <summary>A word of a claim, matched in the quote or the summary only (weights A and B).</summary>
    private static string ClaimTextLexeme(string word) => Lexeme(word) + ":AB";

    /// <summary>A similar claim, its score and a bit per distinctive word it shares.</summary>
    private sealed class RankRow
    {
        public int Id { get; set; }

        public double Score { get; set; }

        public long Shares { get; set; }
    }

    /// <summary>A word's index in the query's list, with its count.</summary>
    private sealed class TermRow
    {
        public int Term { get; set; }

        public int Value { get; set; }
    }
}
