using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Data.Search;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FactCheck.Data;

public class FactCheckDbContext(DbContextOptions<FactCheckDbContext> options) : IdentityDbContext<EditorUser>(options)
{
    private ISearchIndex? _searchIndex;

    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Claimant> Claimants => Set<Claimant>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<Passage> Passages => Set<Passage>();

    public DbSet<ClaimAppearance> ClaimAppearances => Set<ClaimAppearance>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<Verdict> Verdicts => Set<Verdict>();

    public DbSet<Revision> Revisions => Set<Revision>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>Who the next save's revisions name, and why. Set by whoever saves on someone's behalf.</summary>
    public ChangeAttribution Attribution { get; set; } = ChangeAttribution.Unattributed;

    /// <summary>
    /// The claim–topic join rows (columns ClaimsId, TopicsId). Count a topic's claims here, on the join
    /// table's index alone: <c>topic.Claims.Count</c> joins every claim row to count it, 270 ms instead of
    /// 1 ms over 200 topics at 100,000 claims.
    /// </summary>
    public IQueryable<Dictionary<string, object>> ClaimTopicLinks => Set<Dictionary<string, object>>(ClaimConfigurationNames.ClaimTopicsTable);

    /// <summary>The provider's full-text index; the only provider-specific SQL in the application.</summary>
    public ISearchIndex SearchIndex => _searchIndex ??= Database.IsSqlite()
        ? new SqliteSearchIndex(this)
        : throw new NotSupportedException($"No full-text search for provider {Database.ProviderName} yet.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles ...) first, so the application's configurations come last.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FactCheckDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Saves, then brings derived data up to date in the same transaction: each touched claim's current
    /// rating and the search index. A reader never sees a verdict without its rating, or text the search
    /// cannot find; if any step fails, nothing is saved.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = TouchedRecords.Collect(ChangeTracker);
        var revisions = RevisionWriter.Collect(ChangeTracker, out var verdictsWithEvidenceChanges);
        BumpVersions();
        if (touched.IsEmpty && revisions.Count == 0 && verdictsWithEvidenceChanges.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Changes are accepted only once the derived data is written too: if that fails and the
            // transaction rolls back, the tracker must still hold the changes, so a retry saves them.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            var ids = touched.Resolve();
            await RefreshCurrentRatingsAsync(ids.RatedClaimIds, cancellationToken);
            var claimIds = ids.ClaimIds.ToHashSet();
            if (ids.ClaimantIds.Count > 0)
            {
                claimIds.UnionWith(await Claims.Where(c => ids.ClaimantIds.Contains(c.ClaimantId)).Select(c => c.Id).ToListAsync(cancellationToken));
            }

            await SearchIndex.UpdateAsync(new SearchIndexChanges(claimIds, ids.EvidenceIds, ids.SourceIds), cancellationToken);
            var written = await RevisionWriter.BuildAsync(this, revisions, verdictsWithEvidenceChanges, Attribution, DateTime.UtcNow, cancellationToken);
            await InsertRevisionsAsync(written, cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Inserts outside the change tracker: the tracker still holds this save's unaccepted changes (so that
    /// a rolled-back save can be retried), and a second SaveChanges would write them twice.
    /// </summary>
    private async Task InsertRevisionsAsync(List<Revision> revisions, CancellationToken cancellationToken)
    {
        foreach (var r in revisions)
        {
            var action = r.Action.ToString();
            await Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO "Revisions" ("EntityType", "EntityId", "Number", "Action", "Snapshot", "ChangedFields", "Author", "Reason", "CreatedAtUtc")
                VALUES ({r.EntityType}, {r.EntityId}, {r.Number}, {action}, {r.Snapshot}, {r.ChangedFields}, {r.Author}, {r.Reason}, {r.CreatedAtUtc})
                """,
                cancellationToken);
        }
    }

    /// <summary>
    /// Every changed verdict's token moves on from the value it was read with; EF compares the stored one
    /// with that original, so the save fails if someone else saved in between.
    /// </summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<Verdict>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(v => v.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }

    /// <summary>
    /// Sets <see cref="Claim.CurrentRating"/> from the newest published verdict (by as-of date, then
    /// publication, then id: the same rule as the web layer's CurrentVerdicts); all claims when
    /// <paramref name="claimIds"/> is null.
    /// </summary>
    public async Task RefreshCurrentRatingsAsync(IReadOnlyCollection<int>? claimIds, CancellationToken cancellationToken = default)
    {
        if (claimIds is { Count: 0 })
        {
            return;
        }

        var claims = claimIds is null ? Claims : Claims.Where(c => claimIds.Contains(c.Id));
        await claims.ExecuteUpdateAsync(
            setters => setters.SetProperty(
                c => c.CurrentRating,
                c => c.Verdicts.Where(v => v.Status == VerdictStatus.Published)
                    .OrderByDescending(v => v.AsOf.Date).ThenByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id)
                    .Select(v => (Verdicts.Rating?)v.Rating)
                    .FirstOrDefault()),
            cancellationToken);
    }

    /// <summary>The records a save touches, held as entries until the save has given new rows their ids.</summary>
    private sealed class TouchedRecords
    {
        private readonly List<EntityEntry> _entries = [];
        private readonly HashSet<int> _deletedClaimIds = [];
        private readonly HashSet<int> _deletedEvidenceIds = [];
        private readonly HashSet<int> _deletedSourceIds = [];

        public bool IsEmpty => _entries.Count == 0 && _deletedClaimIds.Count == 0 && _deletedEvidenceIds.Count == 0 && _deletedSourceIds.Count == 0;

        public static TouchedRecords Collect(ChangeTracker tracker)
        {
            tracker.DetectChanges();
            var touched = new TouchedRecords();
            foreach (var entry in tracker.Entries())
            {
                if (entry.State is EntityState.Unchanged or EntityState.Detached)
                {
                    continue;
                }

                // A deleted row's id is only known before the save; a new row's only after it.
                var deleted = entry.State == EntityState.Deleted;
                switch (entry.Entity)
                {
                    case Claim c when deleted:
                        touched._deletedClaimIds.Add(c.Id);
                        break;
                    case Entities.Evidence e when deleted:
                        touched._deletedEvidenceIds.Add(e.Id);
                        break;
                    case Source s when deleted:
                        touched._deletedSourceIds.Add(s.Id);
                        break;
                    // A deleted verdict still knows its claim, whose rating must be recomputed.
                    case Claim or Entities.Evidence or Source or Claimant or Verdict:
                        touched._entries.Add(entry);
                        break;
                }
            }

            return touched;
        }

        /// <summary>
        /// The ids after the save. Read from the entries, not the entities: until changes are accepted, a
        /// new row's generated key lives in its entry, and the entity's property may still be 0.
        /// </summary>
        public Ids Resolve()
        {
            var ids = new Ids([.. _deletedClaimIds], [.. _deletedEvidenceIds], [.. _deletedSourceIds], [], []);
            foreach (var entry in _entries)
            {
                var id = Key(entry, "Id");
                switch (entry.Entity)
                {
                    case Claim:
                        ids.ClaimIds.Add(id);
                        ids.RatedClaimIds.Add(id);
                        break;
                    case Entities.Evidence:
                        ids.EvidenceIds.Add(id);
                        break;
                    case Source:
                        ids.SourceIds.Add(id);
                        break;
                    case Claimant:
                        ids.ClaimantIds.Add(id);
                        break;
                    case Verdict:
                        ids.RatedClaimIds.Add(Key(entry, nameof(Verdict.ClaimId)));
                        break;
                }
            }

            return ids;
        }

        private static int Key(EntityEntry entry, string property) => (int)entry.Property(property).CurrentValue!;

        public sealed record Ids(HashSet<int> ClaimIds, HashSet<int> EvidenceIds, HashSet<int> SourceIds, HashSet<int> ClaimantIds, HashSet<int> RatedClaimIds);
    }
}
