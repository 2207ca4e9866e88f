using System.Globalization;
using System.Text.Json;
using FactCheck.Data.Configurations.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace FactCheck.Data.Search;

/// <summary>
/// The read side of PostgreSQL's index, the same contract as <see cref="SqliteSearchIndex"/>'s: a tsquery
/// built from <see cref="SearchQuery"/> (<see cref="ToTsQuery"/>), every reader word a bound parameter;
/// matches counted up to <see cref="SearchResultPage.CountLimit"/>; ranked with <c>ts_rank_cd</c> over the
/// weighted vector, within the newest that many matches when there are more; highlighted with
/// <c>ts_headline</c>. See docs/decisions/search.md ("PostgreSQL").
/// </summary>
public sealed partial class PostgresSearchIndex
{
    private const string Config = SearchRowWeights.TextSearchConfiguration;

    // ts_headline marks matches with the same control characters as FTS5 (SearchHighlight); chr() keeps them
    // out of the SQL text. The snippet is one fragment of up to 48 words, as SQLite's snippet() is 48 tokens.
    private const string HeadingOptions = "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', HighlightAll=true'";
    private const string SnippetOptions = "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=1, MaxWords=48, MinWords=24'";

    // ts_rank_cd weights in {D, C, B, A} order, in the proportions of SQLite's bm25 column weights (see the
    // Postgres search row configurations for which column carries which letter).
    private static readonly Dictionary<SearchKind, KindSql> Kinds = new()
    {
        // Quote A 10, Summary B 5, Claimant C 2.
        [SearchKind.Claims] = new("\"ClaimSearch\"", "ARRAY[0.1, 0.2, 0.5, 1.0]::float4[]", "s.\"Summary\"", "s.\"Quote\""),

        // Exact A 10, Note B 3, Organization C 2; the snippet is the passage, or the note when only the note matches.
        [SearchKind.Evidence] = new("\"EvidenceSearch\"", "ARRAY[0.1, 0.2, 0.3, 1.0]::float4[]", "s.\"Organization\"", $"""
            CASE WHEN NOT to_tsvector('{Config}', coalesce(s."Exact", '')) @@ q."Query" AND to_tsvector('{Config}', coalesce(s."Note", '')) @@ q."Query"
                 THEN s."Note" ELSE s."Exact" END
            """),

        // Title A 8, Publisher C 2, Text D 1.
        [SearchKind.Documents] = new("\"SourceSearch\"", "ARRAY[0.125, 0.25, 0.5, 1.0]::float4[]", "s.\"Title\"", "s.\"Text\""),
    };

    public async Task<SearchResultPage> SearchAsync(SearchKind kind, SearchQuery query, SearchFilter filter, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var sql = Kinds[kind];
        var (joins, conditions, parameters) = SearchFilterSql.Build(kind, filter, "s.\"Id\"", '@', d => d);
        var (tsQuery, queryParameters) = ToTsQuery(query);
        parameters.AddRange(queryParameters);

        // A FROM-less subquery is pulled up by the planner, so the tsquery is folded to a constant and the
        // GIN index serves the match; written once, it is used by the match, the rank and the headlines.
        var from = $"""FROM (SELECT {tsQuery} AS "Query") q CROSS JOIN {sql.Table} s {joins} WHERE s."SearchVector" @@ q."Query" {conditions}""";

        return await WithConnectionAsync(async () =>
        {
            // One pass gives both the count (up to the cap and one more) and the set to rank: every match when
            // there are at most 1,000, else the newest 1,000, as on SQLite. A separate count and a separate
            // threshold query each read the matches again (a common word: 16 and 110 ms at 100,000 claims).
            var newest = await QueryAsync<int>(await NewestSqlAsync(kind, query, sql.Table, tsQuery, queryParameters, joins, conditions, from, cancellationToken), parameters, cancellationToken);
            var total = newest.Count;
            if (total == 0 || offset >= Math.Min(total, SearchResultPage.CountLimit))
            {
                return new SearchResultPage(Math.Min(total, SearchResultPage.CountLimit), total > SearchResultPage.CountLimit, false, []);
            }

            var capped = total > SearchResultPage.CountLimit;
            var rankParameters = new List<(string Name, object Value)>(queryParameters) { ("@ids", newest.Take(SearchResultPage.CountLimit).ToArray()) };

            // Rank and page first, then build headlines for the page's rows only: ts_headline re-parses the text.
            var select = string.Create(CultureInfo.InvariantCulture, $"""
                SELECT p."Id", ts_headline('{Config}', coalesce({sql.Heading}, ''), q."Query", {HeadingOptions}) AS "Heading",
                       {Ellipsised($"coalesce({sql.Snippet}, '')")} AS "Snippet"
                FROM (SELECT s."Id", ts_rank_cd({sql.Weights}, s."SearchVector", q."Query", 1) AS "Rank"
                      FROM (SELECT {tsQuery} AS "Query") q CROSS JOIN {sql.Table} s
                      WHERE s."Id" = ANY(@ids)
                      ORDER BY 2 DESC, s."Id" DESC
                      LIMIT {limit} OFFSET {offset}) p
                CROSS JOIN (SELECT {tsQuery} AS "Query") q
                JOIN {sql.Table} s ON s."Id" = p."Id"
                ORDER BY p."Rank" DESC, p."Id" DESC
                """);
            var hits = (await QueryAsync<HitRow>(select, rankParameters, cancellationToken))
                .Select(h => new SearchHit(h.Id, h.Heading ?? "", h.Snippet ?? ""))
                .ToList();

            return new SearchResultPage(Math.Min(total, SearchResultPage.CountLimit), capped, capped, hits);
        }, cancellationToken);
    }

    /// <summary>
    /// The statement for the newest <see cref="SearchResultPage.CountLimit"/> matches and one more, in one of two
    /// plans chosen from the planner's own estimate of how many rows match (one EXPLAIN, no execution):
    /// <list type="bullet">
    /// <item>the walk: the primary key backwards, testing each row's vector until enough match. Cheap when the
    /// term is common, since few rows are tested per match; the planner's choice for <c>ORDER BY Id DESC LIMIT</c>.</item>
    /// <item>the set: the matches' ids read once through the GIN index (a bitmap scan: for a word or a prefix it
    /// never opens the vector), then the newest of them. Cheap when the term is rare.</item>
    /// </list>
    /// The planner prices a vector test as one cheap operator call, so it walks where the walk tests tens of
    /// thousands of rows: a document's vector is toasted (about 5 KB compressed), and "negoti*" over documents
    /// walked 6,586 of them (119 ms) where the set reads 7,704 ids without opening one (15 ms); a filter by
    /// topic was planned from the topic's 8,671 claims (43,680 evidence items) instead of from the matches.
    /// Both plans return the same rows in the same order. See docs/performance/cold-pages.md ("PostgreSQL search").
    /// </summary>
    private async Task<string> NewestSqlAsync(SearchKind kind, SearchQuery query, string table, string tsQuery, List<(string Name, object Value)> queryParameters,
        string joins, string conditions, string from, CancellationToken cancellationToken)
    {
        var limit = SearchResultPage.CountLimit + 1;
        var walk = $"SELECT s.\"Id\" AS \"Value\" {from} ORDER BY s.\"Id\" DESC LIMIT {limit}";

        // A document filter names one row: the primary key finds it whatever the term. A phrase is left to the
        // planner as before: the GIN index cannot check word order, so the set would open the vector of every row
        // holding the words (38,894 evidence items for "security forces", 407 ms against the walk's 16 ms), and
        // the planner's estimate of a phrase's matches is too low to choose by (6,713 for 38,046).
        if ((kind == SearchKind.Documents && conditions.Length > 0) || MayBePhrase(query))
        {
            return walk;
        }

        var (matches, rows) = await EstimateMatchesAsync(table, tsQuery, queryParameters, cancellationToken);
        if (!PrefersMatchSet(kind, matches, rows, conditions.Length > 0))
        {
            return walk;
        }

        return $"""
            WITH m AS MATERIALIZED (SELECT s."Id" FROM (SELECT {tsQuery} AS "Query") q CROSS JOIN {table} s WHERE s."SearchVector" @@ q."Query")
            SELECT s."Id" AS "Value" FROM m s {joins} WHERE true {conditions} ORDER BY s."Id" DESC LIMIT {limit}
            """;
    }

    /// <summary>
    /// Whether reading every match (the set) beats walking the newest rows, from the planner's estimates. The walk
    /// tests about <c>limit × rows / matches</c> rows, the set fetches <c>matches</c> rows' ids; the ratio of
    /// their costs per row was measured at 100,000 claims: a document's test costs about 40 id fetches (the
    /// vector is toasted), a claim's or an evidence item's about 0.3 (a random heap fetch against an in-line
    /// vector). A document set stays under a third of the table, where the planner keeps the set on the GIN
    /// index (for nearly every document it would read the table and test every vector). Under a filter the
    /// walk also tests rows the filter then drops, and the planner's alternative starts from the filter's side
    /// (a topic's 43,680 evidence items); the set is taken up to <see cref="FilteredMatchSetLimit"/> matches.
    /// A table never analysed has no row count to weigh by, and its estimates are guesses: the set, which the
    /// GIN index bounds, is taken up to the same limit.
    /// </summary>
    internal static bool PrefersMatchSet(SearchKind kind, double matches, double rows, bool filtered)
    {
        if (filtered || rows <= 0)
        {
            return matches <= FilteredMatchSetLimit;
        }

        var testCost = kind == SearchKind.Documents ? 40.0 : 0.3;
        var walked = (SearchResultPage.CountLimit + 1) * rows / Math.Max(matches, 1);
        return matches < walked * testCost && (kind != SearchKind.Documents || matches < rows / 3);
    }

    /// <summary>
    /// Whether the tsquery may hold a phrase: a quoted phrase, or a word PostgreSQL's parser splits into several
    /// (anything but letters and digits, "covid-19", "U.S."). A prefix is one lexeme.
    /// </summary>
    private static bool MayBePhrase(SearchQuery query) =>
        query.Groups.Any(group => group.Any(term => term.Kind != SearchTermKind.Prefix && !term.Text.All(char.IsLetterOrDigit)));

    /// <summary>Up to here a filtered search reads its matches' ids first, then applies the filter to each.</summary>
    private const int FilteredMatchSetLimit = 20_000;

    /// <summary>
    /// The planner's estimate of a query's matches in <paramref name="table"/> (from its statistics of the vectors'
    /// lexemes: one EXPLAIN, nothing runs) and the table's rows as the last ANALYZE counted them (0 if none has),
    /// in one round trip. The plan's top node counts all the rows, also when it gathers parallel workers.
    /// </summary>
    private async Task<(double Matches, double Rows)> EstimateMatchesAsync(string table, string tsQuery, List<(string Name, object Value)> queryParameters, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            EXPLAIN (FORMAT JSON) SELECT s."Id" FROM (SELECT {tsQuery} AS "Query") q CROSS JOIN {table} s WHERE s."SearchVector" @@ q."Query";
            SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = '{table}'::regclass
            """;
        foreach (var (name, value) in queryParameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name.TrimStart('@'), value));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        using var plan = JsonDocument.Parse(reader.GetString(0));
        var matches = plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();
        await reader.NextResultAsync(cancellationToken);
        var rows = await reader.ReadAsync(cancellationToken) ? reader.GetDouble(0) : 0;
        return (matches, rows);
    }

    /// <summary>
    /// The tsquery for a query, as SQL over bound parameters: each word or phrase
    /// <c>phraseto_tsquery('english', $n)</c> (a word PostgreSQL's parser splits, such as one with a combining
    /// mark, stays one phrase), each prefix <c>'text':*</c> through both the english and the simple
    /// configuration (a stemmed prefix finds "governments*" in "govern"; the simple one keeps a prefix that is a
    /// stop word, "the*", from vanishing); an abbreviation ("U.S.", read as the phrase "u s") also as the one
    /// lexeme PostgreSQL makes of it; terms joined with <c>&amp;&amp;</c>, groups with <c>||</c>. Reader
    /// text is only ever a parameter value; the SQL text holds parameter names and constants.
    /// </summary>
    internal static (string Sql, List<(string Name, object Value)> Parameters) ToTsQuery(SearchQuery query, string prefix = "t")
    {
        ArgumentNullException.ThrowIfNull(query);
        var parameters = new List<(string, object)>();
        var groups = query.Groups.Select(group => "(" + string.Join(" && ", group.Select(term =>
        {
            var name = $"@{prefix}{parameters.Count.ToString(CultureInfo.InvariantCulture)}";
            if (term.Kind == SearchTermKind.Prefix)
            {
                parameters.Add((name, PrefixLexeme(term.Text)));
                return $"(to_tsquery('{Config}', {name}) || to_tsquery('simple', {name}))";
            }

            parameters.Add((name, term.Text));
            var words = term.Text.Split(' ');
            if (words.Length > 1 && words.All(w => w.Length == 1))
            {
                // PostgreSQL's parser keeps "U.S." as the one lexeme u.s, where the reader's parser (and FTS5) see
                // the letters u and s; an abbreviation is looked up both ways.
                var dotted = $"@{prefix}{parameters.Count.ToString(CultureInfo.InvariantCulture)}";
                parameters.Add((dotted, string.Join('.', words)));
                return $"(phraseto_tsquery('{Config}', {name}) || plainto_tsquery('{Config}', {dotted}))";
            }

            return $"phraseto_tsquery('{Config}', {name})";
        })) + ")");
        return ("(" + string.Join(" || ", groups) + ")", parameters);
    }

    /// <summary>
    /// A prefix in to_tsquery's syntax: a quoted lexeme (quotes and backslashes escaped, though the parser
    /// leaves only word characters) followed by <c>:*</c>, optionally limited to weight letters.
    /// </summary>
    internal static string PrefixLexeme(string text, string weights = "") => Lexeme(text) + ":*" + weights;

    /// <summary>A word as one quoted to_tsquery lexeme, whatever characters it holds.</summary>
    internal static string Lexeme(string text) =>
        "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The snippet of <paramref name="text"/>: a text of fewer than 48 words whole, highlighted (as SQLite's
    /// snippet() shows a short quote); a longer one as ts_headline's best fragment, with "…" where the fragment
    /// starts after the text's start or ends before its end, as snippet() marks a cut (and neither when the fragment
    /// cannot be found in the text as it stands, position() = 0: no cut can be claimed then). Each ts_headline runs
    /// once: the OFFSET 0 subqueries keep the planner from copying the call into every place that uses it.
    /// Words are counted by spaces, which is cheap on a long document, where a regular expression was not.
    /// </summary>
    private static string Ellipsised(string text) => $"""
        (SELECT CASE WHEN h.short THEN ts_headline('{Config}', h.t, q."Query", {HeadingOptions})
                ELSE (SELECT CASE WHEN position(f.plain IN h.t) > 1 THEN '…' ELSE '' END || f.marked
                             || CASE WHEN f.plain <> '' AND position(f.plain IN h.t) > 0 AND position(f.plain IN h.t) + length(f.plain) <= length(rtrim(h.t)) THEN '…' ELSE '' END
                      FROM (SELECT m.marked, replace(replace(m.marked, chr(2), ''), chr(3), '') AS plain
                            FROM (SELECT ts_headline('{Config}', h.t, q."Query", {SnippetOptions}) AS marked OFFSET 0) m OFFSET 0) f)
                END
         FROM (SELECT x.t, CASE WHEN length(x.t) > 1000 THEN false ELSE length(x.t) - length(replace(x.t, ' ', '')) < 48 END AS short
               FROM (SELECT {text} AS t OFFSET 0) x OFFSET 0) h)
        """;

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
    /// Runs one statement through EF Core, so it joins the context's transaction, interceptors and logging like
    /// every other query of a request. A DbParameter belongs to one command, so each statement gets its own.
    /// </summary>
    private async Task<List<T>> QueryAsync<T>(string sql, IEnumerable<(string Name, object Value)> parameters, CancellationToken cancellationToken)
    {
        var values = parameters.Select(p => (object)new NpgsqlParameter(p.Name.TrimStart('@'), p.Value)).ToArray();
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

    private sealed record KindSql(string Table, string Weights, string Heading, string Snippet);
}
