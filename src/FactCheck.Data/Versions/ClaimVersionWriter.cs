using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Versions;

/// <summary>
/// Records a new <see cref="ClaimVersion"/> for each claim whose public page a save changed: the page is
/// snapshotted from the database inside the save's transaction and compared, as JSON, with the claim's
/// newest version; only a difference makes version n+1. Drafts, reviews and bookkeeping are not in the
/// snapshot, so saving them compares equal and adds nothing. See docs/decisions/claim-versions.md.
/// </summary>
public static class ClaimVersionWriter
{
    /// <summary>The first version's reason, when a claim's page first appears.</summary>
    public const string FirstPublished = "First published";

    /// <summary>The backfill's reason: versions began after the claim was published.</summary>
    public const string RecordedLater = "Page as it stood when versions began to be kept";

    /// <summary>Claims whose page may show what this save changed. Call after the save, inside its transaction.</summary>
    internal static async Task<IReadOnlySet<int>> TouchedClaimIdsAsync(FactCheckDbContext db, ChangeSet changes, CancellationToken cancellationToken)
    {
        var claimIds = new HashSet<int>();
        var claimantIds = new HashSet<int>();
        var passageIds = new HashSet<int>();
        var sourceIds = new HashSet<int>();
        foreach (var row in changes.Rows)
        {
            if (row.ClrType == typeof(Claim))
            {
                if (row.State != EntityState.Deleted && row.Id is { } id)
                {
                    claimIds.Add(id);
                }
            }
            else if (row.ClrType == typeof(Verdict) || row.ClrType == typeof(Entities.Evidence))
            {
                Add(claimIds, row.Key(nameof(Verdict.ClaimId)));
            }
            else if (row.ClrType == typeof(Claimant))
            {
                Add(claimantIds, row.Id);
            }
            else if (row.ClrType == typeof(Passage))
            {
                Add(passageIds, row.Id);
            }
            else if (row.ClrType == typeof(Source))
            {
                Add(sourceIds, row.Id);
            }
        }

        if (claimantIds.Count > 0)
        {
            claimIds.UnionWith(await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).Where(c => claimantIds.Contains(c.ClaimantId)).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        if (passageIds.Count > 0 || sourceIds.Count > 0)
        {
            claimIds.UnionWith(await db.Evidence.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
                .Where(e => passageIds.Contains(e.PassageId) || sourceIds.Contains(e.Passage.SourceId))
                .Select(e => e.ClaimId)
                .Distinct()
                .ToListAsync(cancellationToken));
        }

        return claimIds;
    }

    /// <summary>The versions this save makes, numbered after each claim's newest; none where the page reads as before.</summary>
    internal static async Task<List<ClaimVersion>> BuildAsync(
        FactCheckDbContext db, IReadOnlySet<int> claimIds, ChangeAttribution attribution, DateTime now, CancellationToken cancellationToken)
    {
        if (claimIds.Count == 0)
        {
            return [];
        }

        var snapshots = await SnapshotsAsync(db, claimIds, cancellationToken);
        var newest = await NewestAsync(db, claimIds, cancellationToken);
        var versions = new List<ClaimVersion>();
        foreach (var (claimId, snapshot) in snapshots)
        {
            var json = snapshot.ToJson();
            var last = newest.GetValueOrDefault(claimId);
            if (last is not null && string.Equals(last.Snapshot, json, StringComparison.Ordinal))
            {
                continue;
            }

            versions.Add(new ClaimVersion
            {
                ClaimId = claimId,
                Number = (last?.Number ?? 0) + 1,
                Snapshot = json,
                Author = attribution.Author,
                Reason = Describe(last is null ? null : ReadOrNull(last.Snapshot), snapshot),
                CreatedAtUtc = now,
            });
        }

        return versions;
    }

    /// <summary>
    /// Version 1 for every claim that has none: databases from before versions were kept, and claims bulk-loaded
    /// outside the save pipeline (the benchmark generator). One query finds the missing ids; the snapshots are
    /// built and inserted a batch at a time, each batch in its own transaction, so an interrupted run keeps what
    /// it wrote and the next start finishes it. Idempotent. Returns how many versions it wrote.
    /// </summary>
    public static async Task<int> RecordFirstVersionsAsync(FactCheckDbContext db, int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var missing = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(c => !db.ClaimVersions.Any(v => v.ClaimId == c.Id))
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var written = 0;
        foreach (var batch in missing.Chunk(batchSize))
        {
            written += await db.Database.CreateExecutionStrategy().ExecuteAsync(
                batch,
                async (_, ids, ct) =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var idSet = ids.ToHashSet();

                    // Read again inside the transaction: another process may have recorded some meanwhile.
                    var already = await db.ClaimVersions.AsNoTracking().Where(v => idSet.Contains(v.ClaimId)).Select(v => v.ClaimId).Distinct().ToListAsync(ct);
                    idSet.ExceptWith(already);
                    var snapshots = await SnapshotsAsync(db, idSet, ct);
                    var reachedAt = await ReachedAtAsync(db, idSet, ct);
                    var versions = snapshots.Select(s => new ClaimVersion
                    {
                        ClaimId = s.Key,
                        Number = 1,
                        Snapshot = s.Value.ToJson(),
                        Author = ChangeAttribution.Unattributed.Author,
                        Reason = RecordedLater,
                        CreatedAtUtc = reachedAt[s.Key],
                    }).ToList();
                    await InsertAsync(db, versions, ct);
                    await transaction.CommitAsync(ct);
                    return versions.Count;
                },
                verifySucceeded: null,
                cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Inserts outside the change tracker, as revisions are: the tracker still holds the save's unaccepted
    /// changes. The unique (ClaimId, Number) index makes a racing save fail rather than number twice.
    /// </summary>
    internal static async Task InsertAsync(FactCheckDbContext db, IReadOnlyList<ClaimVersion> versions, CancellationToken cancellationToken)
    {
        foreach (var v in versions)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO "ClaimVersions" ("ClaimId", "Number", "Snapshot", "Author", "Reason", "CreatedAtUtc")
                VALUES ({v.ClaimId}, {v.Number}, {v.Snapshot}, {v.Author}, {v.Reason}, {v.CreatedAtUtc})
                """,
                cancellationToken);
        }
    }

    /// <summary>
    /// The public pages of <paramref name="claimIds"/> as they are now in the database, in three queries
    /// whatever their number (claims, published verdicts, evidence). Merged and retracted claims are included:
    /// their notices are part of the page.
    /// </summary>
    public static async Task<Dictionary<int, ClaimVersionSnapshot>> SnapshotsAsync(FactCheckDbContext db, IReadOnlyCollection<int> claimIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = claimIds as IReadOnlySet<int> ?? claimIds.ToHashSet();
        if (ids.Count == 0)
        {
            return [];
        }

        var claims = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Quote,
                c.IsVerbatim,
                c.Summary,
                c.SaidOn,
                c.SaidWhere,
                c.RetractedAtUtc,
                c.RetractionReason,
                c.MergedIntoId,
                c.MergedAtUtc,
                ClaimantName = c.Claimant.Name,
                ClaimantKind = c.Claimant.Kind,
                ClaimantRole = c.Claimant.Role,
                ClaimantAffiliation = c.Claimant.Affiliation,
                ClaimantSlug = c.Claimant.Slug,
            })
            .ToListAsync(cancellationToken);

        var verdicts = (await db.Verdicts.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(v => ids.Contains(v.ClaimId) && v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.ClaimId, v.Rating, v.Headline, v.RationaleMarkdown, v.Author, v.AsOf, v.PublishedOn, v.PublishedAtUtc, v.CorrectionNote, v.ClaimReviewed })
            .ToListAsync(cancellationToken))
            .ToLookup(v => v.ClaimId);

        // Projections: a source's full text is large and the page shows only its metadata and the passage.
        var evidence = (await db.Evidence.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(e => ids.Contains(e.ClaimId))
            .Select(e => new
            {
                e.Id,
                e.ClaimId,
                e.Stance,
                e.Organization,
                e.FoundOn,
                e.Note,
                PassageId = e.Passage.Id,
                e.Passage.Exact,
                e.Passage.Prefix,
                e.Passage.Suffix,
                e.Passage.LostAtUtc,
                SourceId = e.Passage.Source.Id,
                SourceSlug = e.Passage.Source.Slug,
                SourceTitle = e.Passage.Source.Title,
                SourcePublisher = e.Passage.Source.Publisher,
                SourcePublishedOn = e.Passage.Source.PublishedOn,
                e.Passage.Source.OriginalUrl,
                e.Passage.Source.ArchiveUrl,
            })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.ClaimId);

        var snapshots = new Dictionary<int, ClaimVersionSnapshot>(claims.Count);
        foreach (var c in claims)
        {
            snapshots[c.Id] = new ClaimVersionSnapshot(
                c.Id,
                c.Slug,
                c.Quote,
                c.IsVerbatim,
                c.Summary,
                new SnapshotClaimant(c.ClaimantName, c.ClaimantKind.ToString(), c.ClaimantRole, c.ClaimantAffiliation, c.ClaimantSlug),
                c.SaidOn.ToIsoString(),
                c.SaidWhere,
                c.RetractedAtUtc is { } retractedAt ? new SnapshotRetraction(retractedAt, c.RetractionReason) : null,
                c.MergedIntoId is { } into ? new SnapshotMerge(into, c.MergedAtUtc) : null,
                CurrentVerdict.NewestFirst(verdicts[c.Id], v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id)
                    .Select(v => new SnapshotVerdict(
                        v.Id, v.Rating.ToString(), v.Headline, v.RationaleMarkdown, v.Author, v.AsOf.ToIsoString(),
                        v.PublishedOn?.ToIsoString(), v.PublishedAtUtc, v.CorrectionNote, v.ClaimReviewed))
                    .ToList(),
                evidence[c.Id]
                    .OrderBy(e => e.Stance)
                    .ThenBy(e => e.FoundOn.Date)
                    .ThenBy(e => e.Id)
                    .Select(e => new SnapshotEvidence(
                        e.Id,
                        e.Stance.ToString(),
                        e.Organization,
                        e.FoundOn.ToIsoString(),
                        e.Note,
                        new SnapshotPassage(e.PassageId, e.Exact, e.Prefix, e.Suffix, e.LostAtUtc is not null),
                        new SnapshotSource(e.SourceId, e.SourceSlug, e.SourceTitle, e.SourcePublisher, e.SourcePublishedOn.ToIsoString(), e.OriginalUrl, e.ArchiveUrl)))
                    .ToList());
        }

        return snapshots;
    }

    /// <summary>
    /// What changed between two states of a page, in words a reader follows ("Verdict published; Evidence
    /// added"); <see cref="FirstPublished"/> for a first version.
    /// </summary>
    public static string Describe(ClaimVersionSnapshot? before, ClaimVersionSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        if (before is null)
        {
            return FirstPublished;
        }

        var reasons = new List<string>();
        if (before.Retraction is null && after.Retraction is not null)
        {
            reasons.Add("Claim retracted");
        }
        else if (before.Retraction is not null && after.Retraction is null)
        {
            reasons.Add("Retraction withdrawn");
        }

        if (before.MergedInto?.ClaimId != after.MergedInto?.ClaimId)
        {
            reasons.Add(after.MergedInto is null ? "Merge undone" : "Merged into another claim");
        }

        if (before.Quote != after.Quote || before.IsVerbatim != after.IsVerbatim || before.Summary != after.Summary
            || before.SaidOn != after.SaidOn || before.SaidWhere != after.SaidWhere || before.Slug != after.Slug)
        {
            reasons.Add("Claim corrected");
        }

        if (before.Claimant != after.Claimant)
        {
            reasons.Add("Claimant's details corrected");
        }

        var wasCurrent = before.Verdicts.Count > 0 ? before.Verdicts[0] : null;
        var isCurrent = after.Verdicts.Count > 0 ? after.Verdicts[0] : null;
        if (wasCurrent?.Id != isCurrent?.Id)
        {
            reasons.Add(isCurrent is null ? "Verdict withdrawn" : wasCurrent is null ? "Verdict published" : "New verdict published");
        }
        else if (!before.Verdicts.SequenceEqual(after.Verdicts))
        {
            reasons.Add("Verdict corrected");
        }

        var beforeIds = before.Evidence.Select(e => e.Id).ToHashSet();
        var afterIds = after.Evidence.Select(e => e.Id).ToHashSet();
        if (afterIds.Except(beforeIds).Any())
        {
            reasons.Add("Evidence added");
        }

        if (beforeIds.Except(afterIds).Any())
        {
            reasons.Add("Evidence removed");
        }

        var kept = after.Evidence.Where(e => beforeIds.Contains(e.Id)).ToList();
        if (kept.Exists(e => !before.Evidence.Contains(e)))
        {
            reasons.Add("Evidence updated");
        }

        return reasons.Count == 0 ? "Page updated" : string.Join("; ", reasons);
    }

    private static ClaimVersionSnapshot? ReadOrNull(string json)
    {
        try
        {
            return ClaimVersionSnapshot.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            // An older schema: the reason is then only less specific, the version is still written.
            return null;
        }
    }

    private static async Task<Dictionary<int, ClaimVersion>> NewestAsync(FactCheckDbContext db, IReadOnlySet<int> claimIds, CancellationToken cancellationToken) =>
        await db.ClaimVersions.AsNoTracking()
            .Where(v => claimIds.Contains(v.ClaimId) && v.Number == db.ClaimVersions.Where(o => o.ClaimId == v.ClaimId).Max(o => o.Number))
            .ToDictionaryAsync(v => v.ClaimId, cancellationToken);

    /// <summary>
    /// When a backfilled claim's page reached the state recorded: its newest published verdict's publication,
    /// else the claim's creation. Not the moment of the backfill, which would date a 2021 page to today.
    /// </summary>
    private static async Task<Dictionary<int, DateTime>> ReachedAtAsync(FactCheckDbContext db, HashSet<int> claimIds, CancellationToken cancellationToken)
    {
        var rows = await db.Claims.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
            .Where(c => claimIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.CreatedAtUtc,
                Published = c.Verdicts.Where(v => v.Status == VerdictStatus.Published).Max(v => v.PublishedAtUtc),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => r.Published is { } p && p > r.CreatedAtUtc ? p : r.CreatedAtUtc);
    }

    private static void Add(HashSet<int> set, int? id)
    {
        if (id is { } value)
        {
            set.Add(value);
        }
    }
}
