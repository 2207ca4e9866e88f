using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Passages;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data.Seeding;

/// <summary>
/// Imports the curated archive (seeds/archive.json and the documents it names). Everything is read and
/// checked first, every quote located verbatim in its document, and only then written in one
/// transaction: an archive with a single bad quote imports nothing. Records are matched on natural keys
/// (source file, claimant and topic slugs, claim key, passage span), so importing twice creates nothing new.
/// </summary>
public sealed class SeedImporter(FactCheckDbContext db, ILogger<SeedImporter> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, (int Created, int Updated)> _counts = [];

    public async Task<SeedImportResult> ImportAsync(string directory, CancellationToken cancellationToken = default)
    {
        var plan = await LoadAsync(directory, cancellationToken);
        _counts.Clear();

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            logger.LogInformation(
                "Importing seed archive {Directory}: {Sources} documents, {Claims} claims, in one transaction",
                directory, plan.Archive.Sources.Count, plan.Archive.Claims.Count);
            var now = DateTime.UtcNow;
            db.Attribution = ChangeAttribution.ArchiveImport;
            var topics = await UpsertTopicsAsync(plan.Archive.Topics, cancellationToken);
            var claimants = await UpsertClaimantsAsync(plan.Archive.Claimants, cancellationToken);
            var sources = await UpsertSourcesAsync(plan, now, cancellationToken);
            var passages = new PassageCache(db, sources);
            await UpsertClaimsAsync(plan, topics, claimants, passages, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        var result = new SeedImportResult(new Dictionary<string, (int, int)>(_counts));
        foreach (var (kind, (created, updated)) in _counts)
        {
            logger.LogInformation("Seeded {Kind}: {Created} created, {Updated} updated", kind, created, updated);
        }

        logger.LogInformation(
            "Seed archive {Directory} imported: {Sources} documents, {Claims} claims, {Created} records created, {Updated} updated",
            directory, plan.Archive.Sources.Count, plan.Archive.Claims.Count, result.TotalCreated, result.TotalUpdated);
        return result;
    }

    /// <summary>Reads and checks the whole archive without touching the database.</summary>
    public static async Task<SeedPlan> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var archivePath = Path.Combine(directory, SeedOptions.ArchiveFileName);
        if (!File.Exists(archivePath))
        {
            throw new SeedImportException($"{archivePath}: the seed archive does not exist.");
        }

        SeedArchive archive;
        try
        {
            await using var stream = File.OpenRead(archivePath);
            archive = await JsonSerializer.DeserializeAsync<SeedArchive>(stream, JsonOptions, cancellationToken)
                ?? throw new SeedImportException($"{archivePath}: the archive is empty.");
        }
        catch (JsonException ex)
        {
            throw new SeedImportException($"{archivePath}: not a valid archive: {ex.Message}", ex);
        }

        var problems = new List<string>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in archive.Sources)
        {
            var path = Path.Combine(directory, source.File);
            if (Path.GetFileName(source.File) != source.File || !File.Exists(path))
            {
                problems.Add($"{source.File}: the document named in the archive is not in {directory}.");
                continue;
            }

            // Read as UTF-8 without normalising anything: the stored text is the archived text, byte for byte.
            texts[source.File] = await File.ReadAllTextAsync(path, new UTF8Encoding(false, true), cancellationToken);
            Check(problems, Enum.TryParse<SourceKind>(source.Kind, out _), $"{source.File}: unknown kind '{source.Kind}'.");
            Check(
                problems,
                source.Accessed is null || DateOnly.TryParseExact(source.Accessed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                $"{source.File}: access date '{source.Accessed}' is not YYYY-MM-DD.");
            Check(problems, ReportedDate.TryParse(source.Published, out _), $"{source.File}: publication date '{source.Published}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
            foreach (var (field, url) in new[] { ("originalUrl", source.OriginalUrl), ("archiveUrl", source.ArchiveUrl) })
            {
                Check(problems, url is null || MarkdownRenderer.IsWebUrl(url), $"{source.File}: {field} '{url}' is not an absolute http or https URL.");
            }
        }

        CheckUnique(problems, archive.Sources.Select(s => s.File), "document");
        CheckUnique(problems, archive.Claimants.Select(c => c.Slug), "claimant");
        CheckUnique(problems, archive.Topics.Select(t => t.Slug), "topic");
        CheckUnique(problems, archive.Claims.Select(c => c.Key), "claim");
        foreach (var claimant in archive.Claimants)
        {
            Check(problems, Enum.TryParse<ClaimantKind>(claimant.Kind, out _), $"claimant {claimant.Slug}: unknown kind '{claimant.Kind}'.");
        }

        var located = new Dictionary<(string File, string Quote, int Occurrence), LocatedPassage>();
        foreach (var claim in archive.Claims)
        {
            var where = $"claim {claim.Key}";
            Check(problems, archive.Claimants.Any(c => c.Slug == claim.Claimant), $"{where}: unknown claimant '{claim.Claimant}'.");
            Check(problems, ReportedDate.TryParse(claim.Said, out _), $"{where}: date said '{claim.Said}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
            foreach (var topic in claim.Topics.Where(t => archive.Topics.All(known => known.Slug != t)))
            {
                problems.Add($"{where}: unknown topic '{topic}'.");
            }

            Check(problems, claim.Appearances.Count > 0, $"{where}: a claim needs at least one appearance in a document.");
            var quotes = claim.Appearances.Select(a => (a.Source, a.Quote, a.Occurrence, Role: "appearance"))
                .Concat(claim.Evidence.Select(e => (e.Source, e.Quote, e.Occurrence, Role: "evidence")));
            foreach (var (file, quote, occurrence, role) in quotes)
            {
                if (!texts.TryGetValue(file, out var text))
                {
                    problems.Add($"{where}: {role} cites '{file}', which is not a document of the archive.");
                    continue;
                }

                if (PassageLocator.Find(text, quote, occurrence) is { } passage)
                {
                    located[(file, quote, occurrence)] = passage;
                }
                else
                {
                    problems.Add($"{file}: {where}: {role} quote not found verbatim in the document: \"{quote}\"");
                }
            }

            if (claim.Verbatim && !claim.Appearances.Any(a => texts.TryGetValue(a.Source, out var t) && t.Contains(claim.Quote, StringComparison.Ordinal)))
            {
                problems.Add($"{where}: the statement is marked verbatim but occurs in none of its appearances' documents: \"{claim.Quote}\"");
            }

            // One passage is one piece of evidence (or one appearance) per claim; a second entry would
            // silently overwrite the first's stance and note.
            foreach (var twice in claim.Evidence.GroupBy(e => (e.Source, e.Quote, e.Occurrence)).Where(g => g.Count() > 1))
            {
                problems.Add($"{twice.Key.Source}: {where}: the same passage is cited as evidence {twice.Count()} times: \"{twice.Key.Quote}\"");
            }

            foreach (var twice in claim.Appearances.GroupBy(a => (a.Source, a.Quote, a.Occurrence)).Where(g => g.Count() > 1))
            {
                problems.Add($"{twice.Key.Source}: {where}: the same passage is listed as an appearance {twice.Count()} times: \"{twice.Key.Quote}\"");
            }

            foreach (var evidence in claim.Evidence)
            {
                Check(problems, Enum.TryParse<Stance>(evidence.Stance, out _), $"{where}: unknown stance '{evidence.Stance}'.");
                Check(problems, ReportedDate.TryParse(evidence.Found, out _), $"{where}: evidence date '{evidence.Found}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
            }

            foreach (var verdict in claim.Verdicts)
            {
                Check(problems, ParseRating(verdict.Rating) is not null, $"{where}: unknown rating '{verdict.Rating}'.");
                Check(problems, ReportedDate.TryParse(verdict.AsOf, out _), $"{where}: verdict date '{verdict.AsOf}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
                Check(problems, verdict.Published is null || ReportedDate.TryParse(verdict.Published, out _), $"{where}: verdict publication date '{verdict.Published}' is not YYYY, YYYY-MM or YYYY-MM-DD.");
                Check(problems, verdict.Rationale.Length <= MarkdownRenderer.MaxInputLength, $"{where}: verdict rationale is longer than {MarkdownRenderer.MaxInputLength} characters.");
            }
        }

        if (problems.Count > 0)
        {
            throw new SeedImportException(problems);
        }

        return new SeedPlan(archive, texts, located);
    }

    private async Task<Dictionary<string, Topic>> UpsertTopicsAsync(IReadOnlyList<SeedTopic> seeds, CancellationToken cancellationToken)
    {
        var existing = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken);
        foreach (var seed in seeds)
        {
            if (!existing.TryGetValue(seed.Slug, out var topic))
            {
                topic = new Topic { Slug = seed.Slug, Name = seed.Name, Description = seed.Description };
                db.Topics.Add(topic);
                existing[seed.Slug] = topic;
                Count("topics", created: true);
            }
            else if (topic.Name != seed.Name || topic.Description != seed.Description)
            {
                (topic.Name, topic.Description) = (seed.Name, seed.Description);
                Count("topics", created: false);
            }
        }

        return existing;
    }

    private async Task<Dictionary<string, Claimant>> UpsertClaimantsAsync(IReadOnlyList<SeedClaimant> seeds, CancellationToken cancellationToken)
    {
        var existing = await db.Claimants.ToDictionaryAsync(c => c.Slug, cancellationToken);
        foreach (var seed in seeds)
        {
            var kind = Enum.Parse<ClaimantKind>(seed.Kind);
            if (!existing.TryGetValue(seed.Slug, out var claimant))
            {
                claimant = new Claimant { Slug = seed.Slug, Name = seed.Name, Kind = kind, Role = seed.Role, Affiliation = seed.Affiliation };
                db.Claimants.Add(claimant);
                existing[seed.Slug] = claimant;
                Count("claimants", created: true);
            }
            else if (claimant.Name != seed.Name || claimant.Kind != kind || claimant.Role != seed.Role || claimant.Affiliation != seed.Affiliation)
            {
                (claimant.Name, claimant.Kind, claimant.Role, claimant.Affiliation) = (seed.Name, kind, seed.Role, seed.Affiliation);
                Count("claimants", created: false);
            }
        }

        return existing;
    }

    private async Task<Dictionary<string, Source>> UpsertSourcesAsync(SeedPlan plan, DateTime now, CancellationToken cancellationToken)
    {
        var keys = plan.Archive.Sources.Select(s => s.File).ToList();
        var existing = await db.Sources.Include(s => s.Passages).Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var seed in plan.Archive.Sources)
        {
            var text = plan.Texts[seed.File];
            var hash = ContentHash(text);
            var published = ReportedDate.Parse(seed.Published);
            var kind = Enum.Parse<SourceKind>(seed.Kind);
            var created = !existing.TryGetValue(seed.File, out var source);
            if (source is null)
            {
                source = new Source { Key = seed.File, Slug = "", Title = "", Publisher = "", Language = "", Text = text, ContentHash = hash, ImportedAtUtc = now };
                db.Sources.Add(source);
                existing[seed.File] = source;
            }

            var before = (source.Slug, source.Title, source.Kind, source.Publisher, source.Author, source.PublishedOn, source.OriginalUrl, source.ArchiveUrl, source.AccessedOn, source.Language, source.AttributionNote, source.ContentHash);
            source.Slug = Slugs.From(seed.Title);
            source.Title = seed.Title;
            source.Kind = kind;
            source.Publisher = seed.Publisher;
            source.Author = seed.Author;
            source.PublishedOn = published;
            source.OriginalUrl = seed.OriginalUrl;
            source.ArchiveUrl = seed.ArchiveUrl;
            source.AccessedOn = seed.Accessed is { } accessed ? DateOnly.ParseExact(accessed, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            source.Language = seed.Language;
            source.AttributionNote = seed.AttributionNote;
            if (source.ContentHash != hash)
            {
                ReanchorPassages(source, text, now);
                (source.Text, source.ContentHash, source.ImportedAtUtc) = (text, hash, now);
            }

            var after = (source.Slug, source.Title, source.Kind, source.Publisher, source.Author, source.PublishedOn, source.OriginalUrl, source.ArchiveUrl, source.AccessedOn, source.Language, source.AttributionNote, source.ContentHash);
            if (created || before != after)
            {
                Count("sources", created);
            }
        }

        return existing;
    }

    /// <summary>
    /// A document whose text changed keeps its citations: each passage is found again by its quote and
    /// context. One that cannot be found is flagged, not dropped, and waits in the editors' queue with its
    /// quote as cited; only two passages landing on one span stop the import (nothing is written then).
    /// </summary>
    private void ReanchorPassages(Source source, string newText, DateTime now)
    {
        var outcome = PassageReanchoring.Apply(source.Passages, newText, now);
        if (!outcome.Applied)
        {
            throw new SeedImportException(outcome.Conflicts.Select(c => $"{source.Key}: {c}").ToList());
        }

        foreach (var passage in outcome.Found)
        {
            logger.LogInformation(
                "Re-anchored passage {PassageId} of {SourceKey} at {Start}-{End}", passage.Id, source.Key, passage.Start, passage.End);
        }

        foreach (var passage in outcome.Lost)
        {
            logger.LogWarning(
                "Passage {PassageId} of {SourceKey} is no longer in the changed document and is flagged for the editors: {Exact}",
                passage.Id, source.Key, passage.Exact);
        }
    }

    private async Task UpsertClaimsAsync(
        SeedPlan plan,
        Dictionary<string, Topic> topics,
        Dictionary<string, Claimant> claimants,
        PassageCache passages,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var keys = plan.Archive.Claims.Select(c => c.Key).ToList();
        // A re-import matches retracted and merged claims too: the key is theirs, and a second row would break it.
        var existing = await db.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Include(c => c.Topics).Include(c => c.Appearances).Include(c => c.Evidence).Include(c => c.Verdicts)
            .Where(c => keys.Contains(c.Key))
            .AsSplitQuery()
            .ToDictionaryAsync(c => c.Key, cancellationToken);

        // Claims an editor changed on the desk: the desk's words are newer than the archive's, so a re-import keeps
        // them (the archive may still add what is missing: appearances, evidence, verdicts).
        var existingIds = existing.Values.Select(c => c.Id).ToList();
        var deskEdited = (await db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == RevisionSubjects.Claim && existingIds.Contains(r.EntityId) && r.Author != ChangeAttribution.ArchiveImport.Author)
            .Select(r => r.EntityId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        foreach (var seed in plan.Archive.Claims)
        {
            var said = ReportedDate.Parse(seed.Said);
            var created = !existing.TryGetValue(seed.Key, out var claim);
            if (claim is null)
            {
                claim = new Claim { Key = seed.Key, Slug = "", Quote = "", Summary = "", CreatedAtUtc = now };
                db.Claims.Add(claim);
            }
            else if (claim.RetractedAtUtc is not null || claim.MergedIntoId is not null)
            {
                // A chief editor withdrew it: putting back the evidence and topics a merge moved to the survivor, or
                // re-listing a retracted claim's topics, would undo that decision.
                logger.LogInformation("Seeded claim {ClaimKey} left as it is: it was {Withdrawal} on the desk", seed.Key, claim.RetractedAtUtc is not null ? "retracted" : "merged");
                continue;
            }

            var keepDeskEdits = !created && deskEdited.Contains(claim.Id);
            if (keepDeskEdits && (claim.Quote != seed.Quote || claim.Summary != seed.Summary || claim.SaidOn != said || claim.SaidWhere != seed.Where || claim.IsVerbatim != seed.Verbatim))
            {
                logger.LogWarning("Seeded claim {ClaimKey} keeps the desk's edits; the archive's wording differs", seed.Key);
            }

            var before = (claim.Slug, claim.Quote, claim.IsVerbatim, claim.Summary, claim.ClaimantId, claim.SaidOn, claim.SaidWhere, Topics: string.Join(',', claim.Topics.Select(t => t.Slug).Order()));
            if (!keepDeskEdits)
            {
                claim.Slug = Slugs.From(seed.Summary);
                claim.Quote = seed.Quote;
                claim.IsVerbatim = seed.Verbatim;
                claim.Summary = seed.Summary;
                claim.SaidOn = said;
                claim.SaidWhere = seed.Where;
            }

            claim.Claimant = claimants[seed.Claimant];
            claim.Topics.RemoveAll(t => !seed.Topics.Contains(t.Slug));
            claim.Topics.AddRange(seed.Topics.Where(slug => claim.Topics.All(t => t.Slug != slug)).Select(slug => topics[slug]));
            var after = (claim.Slug, claim.Quote, claim.IsVerbatim, claim.Summary, claim.ClaimantId, claim.SaidOn, claim.SaidWhere, Topics: string.Join(',', claim.Topics.Select(t => t.Slug).Order()));
            if (created || before != after)
            {
                Count("claims", created);
            }

            foreach (var seedAppearance in seed.Appearances)
            {
                var passage = passages.Get(seedAppearance.Source, plan.Located[(seedAppearance.Source, seedAppearance.Quote, seedAppearance.Occurrence)]);
                if (!claim.Appearances.Any(a => a.Passage == passage || (passage.Id != 0 && a.PassageId == passage.Id)))
                {
                    claim.Appearances.Add(new ClaimAppearance { Passage = passage });
                    Count("appearances", created: true);
                }
            }

            foreach (var seedEvidence in seed.Evidence)
            {
                var passage = passages.Get(seedEvidence.Source, plan.Located[(seedEvidence.Source, seedEvidence.Quote, seedEvidence.Occurrence)]);
                var stance = Enum.Parse<Stance>(seedEvidence.Stance);
                var found = ReportedDate.Parse(seedEvidence.Found);
                var evidence = claim.Evidence.FirstOrDefault(e => e.Passage == passage || (passage.Id != 0 && e.PassageId == passage.Id));
                if (evidence is null)
                {
                    claim.Evidence.Add(new Evidence { Passage = passage, Stance = stance, Note = seedEvidence.Note, Organization = seedEvidence.Organization, FoundOn = found });
                    Count("evidence", created: true);
                }
                else if (evidence.Stance != stance || evidence.Note != seedEvidence.Note || evidence.Organization != seedEvidence.Organization || evidence.FoundOn != found)
                {
                    (evidence.Stance, evidence.Note, evidence.Organization, evidence.FoundOn) = (stance, seedEvidence.Note, seedEvidence.Organization, found);
                    Count("evidence", created: false);
                }
            }

            foreach (var seedVerdict in seed.Verdicts)
            {
                var rating = ParseRating(seedVerdict.Rating)!.Value;
                var asOf = ReportedDate.Parse(seedVerdict.AsOf);
                ReportedDate? publishedOn = seedVerdict.Published is { } published ? ReportedDate.Parse(published) : null;

                // A verdict is history: the archive adds missing ones but never rewrites a published rating.
                // It only fills in a publication date an earlier import did not know, since that changes what
                // readers are told about when it was published, not what was published.
                if (claim.Verdicts.FirstOrDefault(v => v.Rating == rating && v.AsOf == asOf) is { } existingVerdict)
                {
                    if (existingVerdict.PublishedOn is null && publishedOn is not null)
                    {
                        existingVerdict.PublishedOn = publishedOn;
                        Count("verdicts", created: false);
                        logger.LogInformation(
                            "Seeded verdict {VerdictId} of claim {ClaimKey}: publication date set to {PublishedOn}",
                            existingVerdict.Id, seed.Key, publishedOn.Value.ToIsoString());
                    }
                    else if (existingVerdict.PublishedOn != publishedOn)
                    {
                        logger.LogWarning(
                            "Seeded verdict {VerdictId} of claim {ClaimKey} keeps its publication date {Stored}; the archive says {Archive}",
                            existingVerdict.Id, seed.Key, existingVerdict.PublishedOn?.ToIsoString(), publishedOn?.ToIsoString() ?? "(none)");
                    }

                    continue;
                }

                claim.Verdicts.Add(new Verdict
                {
                    Rating = rating,
                    Headline = seedVerdict.Headline,
                    RationaleMarkdown = seedVerdict.Rationale,
                    Author = seedVerdict.Author,
                    AsOf = asOf,
                    PublishedOn = publishedOn,
                    Status = VerdictStatus.Published,
                    CreatedAtUtc = now,
                    PublishedAtUtc = now,
                });
                Count("verdicts", created: true);
            }
        }
    }

    /// <summary>Accepts the enum name ("MostlyFalse") or the scale's slug ("mostly-false").</summary>
    private static Rating? ParseRating(string value) =>
        Enum.TryParse<Rating>(value, ignoreCase: false, out var rating) && Enum.IsDefined(rating) ? rating
        : RatingScale.TryParseSlug(value, out rating) ? rating
        : null;

    public static string ContentHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void Count(string kind, bool created)
    {
        var (c, u) = _counts.GetValueOrDefault(kind);
        _counts[kind] = created ? (c + 1, u) : (c, u + 1);
    }

    private static void Check(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static void CheckUnique(List<string> problems, IEnumerable<string> keys, string what)
    {
        foreach (var duplicate in keys.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{what} '{duplicate.Key}' appears more than once in the archive.");
        }
    }

    /// <summary>One passage per (document, span), shared by every appearance and evidence item that cites it.</summary>
    private sealed class PassageCache(FactCheckDbContext db, Dictionary<string, Source> sources)
    {
        private readonly Dictionary<(string, int, int), Passage> _passages = sources.Values
            .SelectMany(s => s.Passages.Select(p => (Key: (s.Key, p.Start, p.End), Passage: p)))
            .ToDictionary(x => x.Key, x => x.Passage);

        public Passage Get(string file, LocatedPassage located)
        {
            if (!_passages.TryGetValue((file, located.Start, located.End), out var passage))
            {
                passage = new Passage { Source = sources[file], Start = located.Start, End = located.End, Exact = located.Exact, Prefix = located.Prefix, Suffix = located.Suffix };
                db.Passages.Add(passage);
                _passages[(file, located.Start, located.End)] = passage;
            }
            else if (passage.LostAtUtc is not null)
            {
                // The flagged passage's offsets are stale: reusing it would cite other words under its quote.
                throw new SeedImportException([
                    $"{file}: \"{located.Exact}\" lies at the stale span of flagged passage {passage.Id} (\"{passage.Exact}\"); resolve that passage on the desk first.",
                ]);
            }

            return passage;
        }
    }
}

/// <summary>An archive that has been read and checked, with every quote located.</summary>
public sealed record SeedPlan(
    SeedArchive Archive,
    IReadOnlyDictionary<string, string> Texts,
    IReadOnlyDictionary<(string File, string Quote, int Occurrence), LocatedPassage> Located);
