using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Data.Listings;
using FactCheck.Data.Search;
using FactCheck.Data.Similarity;
using FactCheck.Data.Verdicts;
using FactCheck.Data.Versions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactCheck.Data;

/// <param name="listeners">
/// Told of every committed save (the web layer's output-cache eviction); none when the context is built
/// by hand, as at design time and in tests.
/// </param>
/// <remarks>
/// This type is the model and the SQLite provider's migrations (Migrations/); <see cref="PostgresFactCheckDbContext"/>
/// adds PostgreSQL's search columns and owns Migrations/Postgres. Options are non-generic so that it can
/// derive (docs/decisions/database-provider.md).
/// </remarks>
public class FactCheckDbContext(DbContextOptions options, IEnumerable<ISavedChangesListener>? listeners = null)
    : IdentityDbContext<EditorUser>(options), IDataProtectionKeyContext
{
    private const string SaveSavepoint = "FactCheckSave";

    private readonly ISavedChangesListener[] _listeners = listeners?.ToArray() ?? [];

    // Saves made inside a transaction the caller opened, told to the listeners when that one commits.
    private readonly List<(Guid TransactionId, ChangeSet Changes)> _deferred = [];

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

    public DbSet<ClaimListing> ClaimListings => Set<ClaimListing>();

    public DbSet<ClaimVersion> ClaimVersions => Set<ClaimVersion>();

    public DbSet<SimilarClaimSet> SimilarClaimSets => Set<SimilarClaimSet>();

    public DbSet<SimilarClaimSuggestion> SimilarClaimSuggestions => Set<SimilarClaimSuggestion>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<CacheEviction> CacheEvictions => Set<CacheEviction>();

    /// <summary>The Data Protection key ring, shared by every instance (cookies and antiforgery tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
        : Database.IsNpgsql()
            ? new PostgresSearchIndex(this)
            : throw new NotSupportedException($"No full-text search for provider {Database.ProviderName}.");

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(CommittedChangesInterceptor.Instance)
            // Evidence, verdicts and appearances of a retracted or merged claim are meant to drop out of a
            // public query that reaches them through their claim: that is the filter's purpose, not a surprise.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles ...) first, so the application's configurations come last.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FactCheckDbContext).Assembly,
            type => type.Namespace != typeof(Configurations.Postgres.ClaimSearchRowEntityTypeConfiguration).Namespace);
    }

    /// <summary>Refused: see docs/decisions/save-pipeline.md. Every caller, Identity's stores included, saves asynchronously.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("FactCheckDbContext saves asynchronously only: use SaveChangesAsync.");

    /// <summary>
    /// Saves and does the work derived from the save, in this order, over one <see cref="ChangeSet"/>
    /// computed before it: move the verdicts' version tokens on, save, recompute the touched claims'
    /// current ratings, re-index the searchable text, write the revisions and the claims' new published
    /// versions (<see cref="ClaimVersionWriter"/>); then commit, accept the changes
    /// and tell the listeners. One transaction holds it all, so a reader never sees a verdict without its
    /// rating, text the search cannot find or a change without its revision, and if any step fails nothing
    /// is saved and the tracker still holds the changes for a retry.
    /// <para>
    /// When the context opens the transaction itself, the attempt runs inside the provider's execution
    /// strategy, which may repeat it whole (PostgreSQL's retry on failure does). Inside a transaction the
    /// caller opened, the steps run under a savepoint, and the listeners wait for that transaction's commit.
    /// </para>
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changes = ChangeSet.Collect(ChangeTracker);
        if (changes.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is { } callers)
        {
            var savedInCallers = await SaveUnderSavepointAsync(callers, changes, cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            _deferred.Add((callers.TransactionId, changes));
            return savedInCallers;
        }

        var saved = await Database.CreateExecutionStrategy().ExecuteAsync(
            changes,
            async (_, changeSet, ct) =>
            {
                await using var transaction = await Database.BeginTransactionAsync(ct);
                var count = await SaveAndDeriveAsync(changeSet, ct);
                await transaction.CommitAsync(ct);
                return count;
            },
            verifySucceeded: null,
            cancellationToken);

        // Only now: a failed attempt must leave the changes in the tracker for the next one to save again.
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        await NotifyAsync(changes);
        return saved;
    }

    /// <summary>One attempt's steps, inside its transaction; safe to repeat after a rollback.</summary>
    private async Task<int> SaveAndDeriveAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        BumpVersions(changes);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        changes.Resolve();
        await RefreshCurrentRatingsAsync(changes.RatedClaimIds(), cancellationToken);
        await ClaimListingWriter.RefreshAsync(this, changes.ListedClaimIds(), cancellationToken);
        await SearchIndex.UpdateAsync(await SearchIndexChangesAsync(changes, cancellationToken), cancellationToken);
        await SimilarClaimStore.MarkRewordedAsync(this, changes.RewordedClaimIds(), cancellationToken);
        var now = DateTime.UtcNow;
        var revisions = await RevisionWriter.BuildAsync(this, changes, Attribution, now, cancellationToken);
        await InsertRevisionsAsync(revisions, cancellationToken);

        // Last: the claim pages are read back as this save left them, ratings and all.
        var touched = await ClaimVersionWriter.TouchedClaimIdsAsync(this, changes, cancellationToken);
        await ClaimVersionWriter.InsertAsync(this, await ClaimVersionWriter.BuildAsync(this, touched, Attribution, now, cancellationToken), cancellationToken);
        return saved;
    }

    /// <summary>
    /// A failed step rolls back to the savepoint, so the caller's transaction keeps nothing of this save,
    /// and a retry in it, with the changes still in the tracker, does not write them twice.
    /// </summary>
    private async Task<int> SaveUnderSavepointAsync(IDbContextTransaction callers, ChangeSet changes, CancellationToken cancellationToken)
    {
        if (!callers.SupportsSavepoints)
        {
            return await SaveAndDeriveAsync(changes, cancellationToken);
        }

        await callers.CreateSavepointAsync(SaveSavepoint, cancellationToken);
        int saved;
        try
        {
            saved = await SaveAndDeriveAsync(changes, cancellationToken);
        }
        catch
        {
            await callers.RollbackToSavepointAsync(SaveSavepoint, CancellationToken.None);
            throw;
        }

        await callers.ReleaseSavepointAsync(SaveSavepoint, cancellationToken);
        return saved;
    }

    /// <summary>
    /// The searchable records a save touched: a claimant's name is indexed with each of its claims, and a
    /// passage's words with each evidence item that cites it.
    /// </summary>
    private async Task<SearchIndexChanges> SearchIndexChangesAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var changedClaimIds = changes.IdsOf<Claim>();
        var claimIds = changedClaimIds.ToHashSet();
        var claimantIds = changes.IdsOf<Claimant>();
        if (claimantIds.Count > 0)
        {
            claimIds.UnionWith(await Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims)
                .Where(c => claimantIds.Contains(c.ClaimantId)).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        var evidenceIds = changes.IdsOf<Entities.Evidence>().ToHashSet();

        // The index holds only published claims' evidence (SqliteSearchIndex): retracting or merging a claim
        // takes its evidence out with it, and an edited claim's evidence is re-read in case that changed.
        if (changedClaimIds.Count > 0)
        {
            evidenceIds.UnionWith(await Evidence.Where(e => changedClaimIds.Contains(e.ClaimId)).Select(e => e.Id).ToListAsync(cancellationToken));
        }
        var passageIds = changes.IdsOf<Passage>();
        if (passageIds.Count > 0)
        {
            evidenceIds.UnionWith(await Evidence.Where(e => passageIds.Contains(e.PassageId)).Select(e => e.Id).ToListAsync(cancellationToken));
        }

        return new SearchIndexChanges(claimIds, evidenceIds, changes.IdsOf<Source>());
    }

    internal bool HasDeferredNotifications(Guid transactionId) => _deferred.Exists(d => d.TransactionId == transactionId);

    internal void DiscardDeferredNotifications() => _deferred.Clear();

    /// <summary>After the caller's transaction committed: its saves' listeners, and nothing left from another transaction.</summary>
    internal async Task NotifyDeferredAsync(Guid transactionId)
    {
        var committed = _deferred.Where(d => d.TransactionId == transactionId).Select(d => d.Changes).ToList();
        _deferred.Clear();
        foreach (var changes in committed)
        {
            await NotifyAsync(changes);
        }
    }

    private async Task NotifyAsync(ChangeSet changes)
    {
        foreach (var listener in _listeners)
        {
            await listener.OnCommittedAsync(changes, CancellationToken.None);
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
    /// with that original, so the save fails if someone else saved in between. Set from the original, not
    /// incremented, so that a repeated attempt writes the same token.
    /// </summary>
    private static void BumpVersions(ChangeSet changes)
    {
        foreach (var entry in changes.VersionedVerdicts)
        {
            var version = entry.Property(nameof(Verdict.Version));
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }

    /// <summary>
    /// Sets <see cref="Claim.CurrentRating"/> and <see cref="Claim.CurrentRatedBy"/> by the current-verdict rule (<see cref="CurrentVerdict"/>); all
    /// claims when <paramref name="claimIds"/> is null.
    /// </summary>
    public async Task RefreshCurrentRatingsAsync(IReadOnlyCollection<int>? claimIds, CancellationToken cancellationToken = default)
    {
        if (claimIds is { Count: 0 })
        {
            return;
        }

        // Retracted and merged claims too: their stored rating stays true to their verdicts for the desk and backups.
        var all = Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims);
        var claims = claimIds is null ? all : all.Where(c => claimIds.Contains(c.Id));
        await claims.ExecuteUpdateAsync(
            setters => setters.SetProperty(c => c.CurrentRating, CurrentVerdict.RatingOf).SetProperty(c => c.CurrentRatedBy, CurrentVerdict.AuthorOf),
            cancellationToken);
    }
}
