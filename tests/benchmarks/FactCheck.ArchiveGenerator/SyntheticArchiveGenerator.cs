using System.Diagnostics;
using System.Globalization;
using System.Text;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Seeding;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// Fills a database with a synthetic archive for load tests: claimants, topics, source documents with
/// full text, passages that are exact spans of that text, claims quoting them, evidence and verdict
/// histories, in the proportions of <see cref="GenerationOptions"/>. The same seed gives the same archive.
/// Rows are written with prepared ADO.NET commands (the change tracker would take an hour at this size),
/// so the derived data that SaveChanges normally maintains — the search index and each claim's current
/// rating — is rebuilt at the end. All of it is one transaction: a generation killed half-way leaves nothing.
/// </summary>
public sealed class SyntheticArchiveGenerator(FactCheckDbContext db, ILogger<SyntheticArchiveGenerator> logger)
{
    /// <summary>Natural keys of generated claims and sources start with this, so they never meet curated ones.</summary>
    public const string KeyPrefix = "synthetic/";

    // Fixed timestamps rather than the clock: the same seed must give the same database.
    private static readonly DateTime ImportedAtUtc = new(2025, 1, 15, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly FirstDay = new(2015, 1, 1);
    private const int DaySpan = 3_650;

    private static readonly (Stance Stance, double Weight)[] Stances =
        [(Stance.Contradicts, 0.45), (Stance.Supports, 0.25), (Stance.AddsContext, 0.30)];

    private static readonly (Rating Rating, double Weight)[] Ratings =
    [
        (Rating.True, 0.08), (Rating.MostlyTrue, 0.12), (Rating.HalfTrue, 0.15), (Rating.Misleading, 0.22),
        (Rating.MostlyFalse, 0.18), (Rating.False, 0.18), (Rating.Unproven, 0.07),
    ];

    private static readonly (SourceKind Kind, double Weight)[] SourceKinds =
    [
        (SourceKind.NewsArticle, 0.55), (SourceKind.Report, 0.15), (SourceKind.OfficialStatement, 0.15),
        (SourceKind.VideoReport, 0.05), (SourceKind.FactCheck, 0.10),
    ];

    private static readonly string[] Roles = ["spokesperson", "minister", "governor", "member of parliament", "commander", "ambassador", "mayor", "party leader", "adviser", "analyst"];
    private static readonly string[] PublisherSuffixes = ["Times", "Post", "Herald", "News", "Gazette", "Observer", "Tribune", "Monitor", "Daily", "Review"];

    private readonly GenerationVocabulary _vocabulary = new();

    public async Task<GenerationResult> GenerateAsync(GenerationOptions options, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Claims, 1);
        var stopwatch = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            if (Scalar(connection, $"SELECT EXISTS(SELECT 1 FROM \"Claims\" WHERE \"Key\" LIKE '{KeyPrefix}%')") != 0)
            {
                throw new InvalidOperationException("This database already holds a synthetic archive; generate into a new database file.");
            }

            // Load-only settings. synchronous=OFF risks the file only if the machine itself goes down, not
            // when the process is killed; and since everything is written in one transaction, a kill at any
            // moment leaves the database as it was before the command, and running it again starts afresh.
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
            GenerationResult result;
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                result = Write(transaction, options, progress, stopwatch, cancellationToken);

                // The derived data goes in the same transaction, so no reader ever sees claims the search cannot find.
                await db.Database.UseTransactionAsync(transaction, cancellationToken);
                logger.LogInformation("Rebuilding the full-text index over {Claims} claims, {Evidence} evidence items and {Sources} sources", result.Claims, result.Evidence, result.Sources);
                await db.SearchIndex.RebuildAsync(cancellationToken);
                logger.LogInformation("Full-text index rebuilt after {Elapsed:0.0} s", stopwatch.Elapsed.TotalSeconds);
                await db.RefreshCurrentRatingsAsync(null, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await db.Database.UseTransactionAsync(null, cancellationToken);
            }

            Execute(connection, "ANALYZE;");
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            return result with { Elapsed = stopwatch.Elapsed };
        }
        finally
        {
            // Back to the defaults the site runs with.
            Execute(connection, "PRAGMA synchronous=FULL; PRAGMA journal_mode=DELETE;");
            await db.Database.CloseConnectionAsync();
        }
    }

    private GenerationResult Write(SqliteTransaction transaction, GenerationOptions options, IProgress<GenerationProgress>? progress, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var plan = ClaimPlan.Create(options, random);
        using var batch = new Batch(transaction);

        var claimants = WriteClaimants(transaction, batch, options, random);
        var topics = WriteTopics(transaction, batch, options, random);
        var sources = WriteSources(transaction, batch, options, plan, random, progress, cancellationToken);
        var written = WriteClaims(transaction, batch, options, plan, claimants, topics, sources, random, progress, cancellationToken);

        logger.LogInformation(
            "Wrote {Claims} claims, {Claimants} claimants, {Topics} topics, {Sources} sources ({SourceMegabytes:0} MB of text), {Passages} passages, {Appearances} appearances, {Evidence} evidence items and {Verdicts} verdicts in {Elapsed:0.0} s",
            options.Claims, claimants.Ids.Length, topics.Ids.Length, sources.Ids.Length, sources.TextCharacters / 1_000_000.0, sources.PassageCount,
            written.Appearances, written.Evidence, written.Verdicts, stopwatch.Elapsed.TotalSeconds);

        return new GenerationResult(
            options.Claims, claimants.Ids.Length, topics.Ids.Length, sources.Ids.Length, sources.PassageCount, written.Appearances, written.Evidence,
            written.Verdicts, sources.TextCharacters, stopwatch.Elapsed, written.Landmarks(claimants, topics));
    }

    private Claimants WriteClaimants(SqliteTransaction transaction, Batch batch, GenerationOptions options, Random random)
    {
        var slugs = Strings(transaction, "SELECT \"Slug\" FROM \"Claimants\"");
        var nextId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Claimants\"") + 1;
        var insert = batch.Insert("Claimants", "Id", "Slug", "Name", "Kind", "Role", "Affiliation");
        var organisations = Enumerable.Range(0, 60).Select(_ => _vocabulary.NextName(random) + " " + Pick(random, ["Party", "Movement", "Council", "Front", "Alliance"])).ToArray();
        var ids = new int[options.Claimants];
        var slugOf = new string[options.Claimants];
        var shortNames = new string[options.Claimants];
        for (var i = 0; i < ids.Length; i++)
        {
            var organisation = random.NextDouble() < 0.1;
            var name = organisation
                ? $"{_vocabulary.NextName(random)} {Pick(random, ["Ministry", "Command", "Office", "Committee"])}"
                : $"{_vocabulary.NextName(random)} {_vocabulary.NextName(random)}";
            var slug = UniqueSlug(slugs, name);
            ids[i] = nextId++;
            slugOf[i] = slug;
            shortNames[i] = organisation ? "The " + name : name.Split(' ')[^1];
            insert.Run(
                ids[i], slug, name, (organisation ? ClaimantKind.Organization : ClaimantKind.Person).ToString(),
                organisation ? null : Pick(random, Roles),
                random.NextDouble() < 0.8 ? Pick(random, organisations) : null);
        }

        return new Claimants(ids, slugOf, shortNames);
    }

    private Topics WriteTopics(SqliteTransaction transaction, Batch batch, GenerationOptions options, Random random)
    {
        var slugs = Strings(transaction, "SELECT \"Slug\" FROM \"Topics\"");
        var nextId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Topics\"") + 1;
        var insert = batch.Insert("Topics", "Id", "Slug", "Name", "Description");
        var ids = new int[options.Topics];
        var slugOf = new string[options.Topics];
        for (var i = 0; i < ids.Length; i++)
        {
            var name = _vocabulary.Title(random, 2, 4);
            slugOf[i] = UniqueSlug(slugs, name);
            ids[i] = nextId++;
            insert.Run(ids[i], slugOf[i], name, _vocabulary.Sentence(random, 12, 24));
        }

        return new Topics(ids, slugOf);
    }

    private Sources WriteSources(
        SqliteTransaction transaction, Batch batch, GenerationOptions options, ClaimPlan plan, Random random, IProgress<GenerationProgress>? progress, CancellationToken cancellationToken)
    {
        var nextId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Sources\"") + 1;
        var nextPassageId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Passages\"") + 1;
        var insertSource = batch.Insert(
            "Sources", "Id", "Key", "Slug", "Title", "Kind", "Publisher", "Author", "OriginalUrl", "ArchiveUrl", "Language",
            "AttributionNote", "Text", "ContentHash", "ImportedAtUtc", "PublishedOn", "PublishedOnPrecision");
        var insertPassage = batch.Insert("Passages", "Id", "SourceId", "Start", "End", "Exact", "Prefix", "Suffix");

        var publishers = Enumerable.Range(0, 120).Select(_ => random.NextDouble() < 0.7
            ? $"The {_vocabulary.NextName(random)} {Pick(random, PublisherSuffixes)}"
            : $"{_vocabulary.NextName(random)} {Pick(random, ["News Agency", "Institute", "Watch", "Foundation"])}").ToArray();
        var sources = new Sources(new int[options.Sources], new ReportedDate[options.Sources], new int[options.Sources], publishers);

        var appearancesLeft = plan.TotalAppearances;
        var evidenceLeft = plan.TotalEvidence;
        var text = new StringBuilder(8_000);
        var sentences = new List<(int Start, int End)>(64);
        for (var i = 0; i < options.Sources; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            text.Clear();
            sentences.Clear();
            var length = random.Next(2_000, 5_000);
            while (text.Length < length)
            {
                if (text.Length > 0)
                {
                    text.Append("\n\n");
                }

                for (var s = random.Next(2, 7); s > 0; s--)
                {
                    if (text.Length > 0 && text[^1] == '.')
                    {
                        text.Append(' ');
                    }

                    var start = text.Length;
                    _vocabulary.AppendSentence(text, random, 8, 28);
                    sentences.Add((start, text.Length));
                }
            }

            var body = text.ToString();
            var title = _vocabulary.Title(random, 4, 9);
            var slug = Slugs.From(title);
            var publisher = random.Next(publishers.Length);
            var date = RandomDate(random, FirstDay, DaySpan, monthShare: 0.12, yearShare: 0.03);
            var id = nextId++;
            sources.Ids[i] = id;
            sources.Dates[i] = date;
            sources.Publisher[i] = publisher;
            sources.TextCharacters += body.Length;
            insertSource.Run(
                id, $"{KeyPrefix}source-{i + 1:D6}", slug, title, Pick(random, SourceKinds).ToString(), publishers[publisher],
                random.NextDouble() < 0.6 ? $"{_vocabulary.NextName(random)} {_vocabulary.NextName(random)}" : null,
                $"https://{Slugs.From(publishers[publisher])}.example/{date.Date:yyyy/MM}/{slug}",
                null, "en", null, body, SeedImporter.ContentHash(body), Timestamp(ImportedAtUtc), DateText(date.Date), date.Precision.ToString());

            // Spread the passages the claims will need over the documents, a dozen or so each on average.
            var sourcesLeft = options.Sources - i;
            var wanted = (appearancesLeft + evidenceLeft) / (double)sourcesLeft;
            var count = Math.Clamp((int)Math.Round(wanted * (0.4 + (1.2 * random.NextDouble()))), 1, sentences.Count);
            if (sourcesLeft == 1)
            {
                count = Math.Min(sentences.Count, appearancesLeft + evidenceLeft);
            }

            for (var k = 0; k < count && appearancesLeft + evidenceLeft > 0; k++)
            {
                // A partial shuffle: k distinct sentences of this document.
                var pick = random.Next(k, sentences.Count);
                (sentences[k], sentences[pick]) = (sentences[pick], sentences[k]);
                var (start, end) = sentences[k];
                var exact = body[start..end];
                var passageId = nextPassageId++;
                insertPassage.Run(
                    passageId, id, start, end, exact,
                    body[Math.Max(0, start - PassageLocator.ContextLength)..start],
                    body[end..Math.Min(body.Length, end + PassageLocator.ContextLength)]);
                if (random.Next(appearancesLeft + evidenceLeft) < appearancesLeft)
                {
                    plan.AppearancePool.Add(new PooledPassage(passageId, i, exact));
                    appearancesLeft--;
                }
                else
                {
                    plan.EvidencePool.Add(new PooledPassage(passageId, i, null));
                    evidenceLeft--;
                }
            }

            sources.PassageCount += count;
            Report(progress, "sources", i + 1, options.Sources);
        }

        Shuffle(plan.AppearancePool, random);
        Shuffle(plan.EvidencePool, random);
        return sources;
    }

    private Written WriteClaims(
        SqliteTransaction transaction,
        Batch batch,
        GenerationOptions options,
        ClaimPlan plan,
        Claimants claimants,
        Topics topics,
        Sources sources,
        Random random,
        IProgress<GenerationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var nextClaimId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Claims\"") + 1;
        var nextAppearanceId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"ClaimAppearances\"") + 1;
        var nextEvidenceId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Evidence\"") + 1;
        var nextVerdictId = Scalar(transaction, "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Verdicts\"") + 1;
        var insertClaim = batch.Insert(
            "Claims", "Id", "Key", "Slug", "Quote", "IsVerbatim", "Summary", "ClaimantId", "SaidWhere", "CreatedAtUtc", "SaidOn", "SaidOnPrecision");
        var insertTopic = batch.Insert("ClaimTopics", "ClaimsId", "TopicsId");
        var insertAppearance = batch.Insert("ClaimAppearances", "Id", "ClaimId", "PassageId");
        var insertEvidence = batch.Insert("Evidence", "Id", "ClaimId", "PassageId", "Stance", "Note", "Organization", "FoundOn", "FoundOnPrecision");
        var insertVerdict = batch.Insert(
            "Verdicts", "Id", "ClaimId", "Rating", "Headline", "RationaleMarkdown", "Author", "Status", "CreatedAtUtc", "PublishedAtUtc", "AsOf", "AsOfPrecision");

        var topicWeights = GenerationVocabulary.ZipfWeights(topics.Ids.Length, 0.7);
        var authors = Enumerable.Range(0, 30).Select(_ => $"{_vocabulary.NextName(random)} {_vocabulary.NextName(random)}").ToArray();
        var written = new Written(new int[claimants.Ids.Length], new int[topics.Ids.Length]);
        var appearanceNext = 0;
        var evidenceNext = 0;
        var citedByClaim = new HashSet<int>();
        var topicsOfClaim = new HashSet<int>();
        for (var i = 0; i < options.Claims; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var claimant = plan.Claimant[i];
            var claimId = nextClaimId++;

            // The first appearance is where the words were said: the quote is that passage, verbatim.
            var appearances = new List<PooledPassage>(2);
            for (var a = 0; a < plan.Appearances[i]; a++)
            {
                appearances.Add(appearanceNext < plan.AppearancePool.Count
                    ? plan.AppearancePool[appearanceNext++]
                    : plan.AppearancePool[random.Next(plan.AppearancePool.Count)]);
            }

            appearances = appearances.DistinctBy(p => p.PassageId).ToList();
            var said = sources.Dates[appearances[0].SourceIndex];
            var summary = $"{claimants.ShortNames[claimant]} says {LowerFirst(_vocabulary.Sentence(random, 6, 14)).TrimEnd('.')}";
            insertClaim.Run(
                claimId, $"{KeyPrefix}claim-{i + 1:D6}", Slugs.From(summary), appearances[0].Exact, 1, summary, claimants.Ids[claimant],
                random.NextDouble() < 0.5 ? $"{Pick(random, ["Press conference", "Interview", "Speech", "Statement"])} in {_vocabulary.NextName(random)}" : null,
                Timestamp(said.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)), DateText(said.Date), said.Precision.ToString());
            written.ClaimsPerClaimant[claimant]++;

            topicsOfClaim.Clear();
            var topicCount = random.NextDouble() switch { < 0.05 => 0, < 0.75 => 1, _ => 2 };
            while (topicsOfClaim.Count < topicCount)
            {
                var topic = GenerationVocabulary.Sample(topicWeights, random);
                if (topicsOfClaim.Add(topic))
                {
                    insertTopic.Run(claimId, topics.Ids[topic]);
                    written.ClaimsPerTopic[topic]++;
                }
            }

            foreach (var appearance in appearances)
            {
                insertAppearance.Run(nextAppearanceId++, claimId, appearance.PassageId);
                written.Appearances++;
            }

            citedByClaim.Clear();
            for (var e = 0; e < plan.Evidence[i]; e++)
            {
                var passage = evidenceNext < plan.EvidencePool.Count
                    ? plan.EvidencePool[evidenceNext++]
                    : plan.EvidencePool[random.Next(plan.EvidencePool.Count)];
                if (!citedByClaim.Add(passage.PassageId))
                {
                    continue;
                }

                var found = sources.Dates[passage.SourceIndex];
                insertEvidence.Run(
                    nextEvidenceId++, claimId, passage.PassageId, Pick(random, Stances).ToString(), _vocabulary.Sentence(random, 8, 20),
                    random.NextDouble() < 0.85 ? sources.Publishers[sources.Publisher[passage.SourceIndex]] : Pick(random, sources.Publishers),
                    DateText(found.Date), found.Precision.ToString());
                written.Evidence++;
            }

            var published = WriteVerdicts(insertVerdict, ref nextVerdictId, claimId, said, authors, random);
            written.Verdicts += published.Written;
            if (written.TypicalClaimId == 0 && citedByClaim.Count == 5 && appearances.Count == 2 && published.Published == 2)
            {
                (written.TypicalClaimId, written.TypicalClaimSlug) = (claimId, Slugs.From(summary));
            }

            Report(progress, "claims", i + 1, options.Claims);
        }

        return written;
    }

    /// <summary>
    /// A verdict history: none for about 15% of claims, a draft only for 5%, otherwise one to three
    /// published ratings, each later one re-rating the claim as evidence arrived.
    /// </summary>
    private (int Written, int Published) WriteVerdicts(Batch.Command insert, ref int nextId, int claimId, ReportedDate said, string[] authors, Random random)
    {
        var roll = random.NextDouble();
        var (count, status) = roll switch
        {
            < 0.15 => (0, VerdictStatus.Published),
            < 0.20 => (1, random.NextDouble() < 0.5 ? VerdictStatus.Draft : VerdictStatus.InReview),
            < 0.65 => (1, VerdictStatus.Published),
            < 0.88 => (2, VerdictStatus.Published),
            _ => (3, VerdictStatus.Published),
        };

        var day = said.Date.AddDays(random.Next(1, 90));
        for (var v = 0; v < count; v++)
        {
            var rating = Pick(random, Ratings);
            var label = RatingScale.Get(rating).Label;
            var asOf = random.NextDouble() < 0.1
                ? ReportedDate.Month(day.Year, day.Month)
                : new ReportedDate(day, DatePrecision.Day);
            var publishedAt = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddDays(1).AddMinutes(random.Next(600));
            var rationale = $"{_vocabulary.Sentence(random, 12, 26)} {_vocabulary.Sentence(random, 12, 26)}\n\n"
                + $"{_vocabulary.Sentence(random, 12, 26)} See [the {Pick(random, ["report", "statement", "record"])}](https://example.org/records/{claimId}-{v}).";
            insert.Run(
                nextId++, claimId, (int)rating, $"{label}: {LowerFirst(_vocabulary.Sentence(random, 5, 11))}", rationale, Pick(random, authors),
                status.ToString(), Timestamp(publishedAt.AddDays(-2)), status == VerdictStatus.Published ? Timestamp(publishedAt) : null,
                DateText(asOf.Date), asOf.Precision.ToString());
            day = day.AddDays(random.Next(30, 700));
        }

        return (count, status == VerdictStatus.Published ? count : 0);
    }

    private static ReportedDate RandomDate(Random random, DateOnly first, int span, double monthShare, double yearShare)
    {
        var date = first.AddDays(random.Next(span));
        var roll = random.NextDouble();
        return roll < yearShare ? ReportedDate.Year(date.Year)
            : roll < yearShare + monthShare ? ReportedDate.Month(date.Year, date.Month)
            : new ReportedDate(date, DatePrecision.Day);
    }

    private static string UniqueSlug(HashSet<string> taken, string name)
    {
        var slug = Slugs.From(name);
        for (var n = 2; !taken.Add(slug); n++)
        {
            slug = Slugs.From(name) + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        return slug;
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static T Pick<T>(Random random, (T Item, double Weight)[] weighted)
    {
        var roll = random.NextDouble() * weighted.Sum(w => w.Weight);
        foreach (var (item, weight) in weighted)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return weighted[^1].Item;
    }

    // About 200 reports a stage: enough for a smooth bar, few enough to cost nothing.
    private static void Report(IProgress<GenerationProgress>? progress, string stage, int done, int total)
    {
        if (progress is not null && (done == total || done % Math.Max(1, total / 200) == 0))
        {
            progress.Report(new GenerationProgress(stage, done, total));
        }
    }

    private static void Shuffle<T>(List<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // The text forms EF Core's SQLite provider writes, so that generated rows compare and sort like its own.
    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

#pragma warning disable CA2100 // Every statement here is a constant of this class; values go through parameters.
    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static int Scalar(SqliteTransaction transaction, string sql) => Scalar(transaction.Connection!, sql, transaction);

    private static HashSet<string> Strings(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Prepared INSERT commands in the generator's one transaction, disposed together.</summary>
    private sealed class Batch(SqliteTransaction transaction) : IDisposable
    {
        private readonly List<Command> _commands = [];

        public Command Insert(string table, params string[] columns)
        {
            var command = new Command(transaction, table, columns);
            _commands.Add(command);
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands)
            {
                command.Dispose();
            }
        }

        public sealed class Command : IDisposable
        {
            private readonly SqliteCommand _command;
            private readonly SqliteParameter[] _parameters;

            public Command(SqliteTransaction transaction, string table, string[] columns)
            {
                _command = transaction.Connection!.CreateCommand();
                _command.Transaction = transaction;
                _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
                _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null))).ToArray();
            }

            public void Run(params object?[] values)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    _parameters[i].Value = values[i] ?? DBNull.Value;
                }

                _command.ExecuteNonQuery();
            }

            public void Dispose() => _command.Dispose();
        }
    }
#pragma warning restore CA2100

    private sealed record PooledPassage(int PassageId, int SourceIndex, string? Exact);

    /// <summary>Per claim, decided up front so the documents can be written with the passages the claims will cite.</summary>
    private sealed class ClaimPlan
    {
        public required int[] Claimant { get; init; }

        public required byte[] Appearances { get; init; }

        public required int[] Evidence { get; init; }

        public int TotalAppearances { get; init; }

        public int TotalEvidence { get; init; }

        public List<PooledPassage> AppearancePool { get; } = [];

        public List<PooledPassage> EvidencePool { get; } = [];

        public static ClaimPlan Create(GenerationOptions options, Random random)
        {
            var n = options.Claims;
            var claimantWeights = GenerationVocabulary.ZipfWeights(options.Claimants, 0.7);
            var claimant = new int[n];
            var appearances = new byte[n];
            for (var i = 0; i < n; i++)
            {
                claimant[i] = GenerationVocabulary.Sample(claimantWeights, random);
                appearances[i] = (byte)(random.NextDouble() < 0.4 ? 2 : 1);
            }

            // Exactly EvidenceItems in all: one each, the rest shared out in skewed (exponential) proportions.
            var weights = new double[n];
            for (var i = 0; i < n; i++)
            {
                weights[i] = -Math.Log(1 - random.NextDouble());
            }

            var total = weights.Sum();
            var extra = options.EvidenceItems - n;
            var evidence = new int[n];
            var assigned = 0;
            for (var i = 0; i < n; i++)
            {
                evidence[i] = 1 + (int)(extra * weights[i] / total);
                assigned += evidence[i];
            }

            for (; assigned < options.EvidenceItems; assigned++)
            {
                evidence[random.Next(n)]++;
            }

            return new ClaimPlan
            {
                Claimant = claimant,
                Appearances = appearances,
                Evidence = evidence,
                TotalAppearances = appearances.Sum(a => a),
                TotalEvidence = options.EvidenceItems,
            };
        }
    }

    private sealed record Claimants(int[] Ids, string[] Slugs, string[] ShortNames);

    private sealed record Topics(int[] Ids, string[] Slugs);

    private sealed class Sources(int[] ids, ReportedDate[] dates, int[] publisher, string[] publishers)
    {
        public int[] Ids { get; } = ids;

        public ReportedDate[] Dates { get; } = dates;

        public int[] Publisher { get; } = publisher;

        public string[] Publishers { get; } = publishers;

        public long TextCharacters { get; set; }

        public int PassageCount { get; set; }
    }

    private sealed class Written(int[] claimsPerClaimant, int[] claimsPerTopic)
    {
        public int[] ClaimsPerClaimant { get; } = claimsPerClaimant;

        public int[] ClaimsPerTopic { get; } = claimsPerTopic;

        public int Appearances { get; set; }

        public int Evidence { get; set; }

        public int Verdicts { get; set; }

        public int TypicalClaimId { get; set; }

        public string TypicalClaimSlug { get; set; } = "";

        public GenerationLandmarks Landmarks(Claimants claimants, Topics topics)
        {
            var claimant = Array.IndexOf(ClaimsPerClaimant, ClaimsPerClaimant.Max());
            var topic = Array.IndexOf(ClaimsPerTopic, ClaimsPerTopic.Max());
            return new GenerationLandmarks(TypicalClaimId, TypicalClaimSlug, claimants.Slugs[claimant], ClaimsPerClaimant[claimant], topics.Slugs[topic], ClaimsPerTopic[topic]);
        }
    }
}
