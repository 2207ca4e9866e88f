using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Caching;

/// <summary>
/// Evicts cached reader pages when a save changes what they show, once the change is committed (evicting
/// earlier would let a request still reading the old rows put the old page straight back). The context
/// calls it after the commit, with the save's change set, and never for a save that rolled back.
/// <para>
/// Evidence, appearances, passages and sources evict precisely: the pages of the claims that cite them,
/// the pages of the documents they are in, and the list pages. A claim, verdict, claimant or topic
/// evicts every reader page: its summary, name and rating are shown on other claims' pages (similar
/// claims), on documents, timelines, scorecards, search results and the feed, and such edits are rare
/// enough that re-rendering on demand costs less than tracking every place they appear.
/// Anything else a save touches (a many-to-many row, a type added later) also evicts everything.
/// </para>
/// <para>
/// Other processes on the same database (a second instance, the site beside a `seed` command) hear of it
/// through <see cref="CacheEvictionPublisher"/> and <see cref="CacheEvictionSubscriber"/>.
/// </para>
/// </summary>
public sealed class OutputCacheEviction(
    IOutputCacheStore store, OutputCacheGeneration generation, IServiceScopeFactory scopes, CacheEvictionPublisher publisher, ILogger<OutputCacheEviction> logger) : ISavedChangesListener
{
    public async Task OnCommittedAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string> tags;
        try
        {
            tags = await TagsAsync(changes, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The save is already committed: failing here would tell the caller it was not, and a retry would
            // save it twice. Finding the precise pages failed, so every reader page goes instead.
            logger.LogWarning(e, "Could not work out which cached pages a save touched; evicting every reader page");
            tags = [OutputCacheReaderPolicy.AllTag];
        }

        if (tags.Count == 0)
        {
            return;
        }

        // First, so that a render that began before the commit is not stored once the old entry is gone.
        generation.Advance();
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }

        logger.LogDebug("Output cache evicted {Tags}", tags);

        // Then every other instance, and a site a command writes beside.
        await publisher.PublishAsync(tags);
    }

    /// <summary>
    /// One claim's page, in this process and every other: its similar claims changed without a save. Without moving
    /// the generation on, unlike a save: that would keep every page being rendered meanwhile out of the cache, for a
    /// change to one page's side panel. A render of this page that read the old set and finishes after the eviction
    /// may still store it, until the entry expires.
    /// </summary>
    public async Task EvictClaimPageAsync(int claimId, CancellationToken cancellationToken)
    {
        string[] tags = [OutputCacheReaderPolicy.ClaimTag(claimId)];
        await store.EvictByTagAsync(tags[0], cancellationToken);
        await publisher.PublishAsync(tags);
    }

    private async Task<IReadOnlyCollection<string>> TagsAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var claimIds = new HashSet<int>();
        var sourceIds = new HashSet<int>();
        var passageIds = new HashSet<int>();
        var citedPassageIds = new HashSet<int>();
        foreach (var row in changes.Rows)
        {
            if (IsNeverShownToReaders(row.ClrType))
            {
                continue;
            }

            if (row.ClrType == typeof(Evidence))
            {
                Add(claimIds, row.Key(nameof(Evidence.ClaimId)));
                Add(passageIds, row.Key(nameof(Evidence.PassageId)));
            }
            else if (row.ClrType == typeof(ClaimAppearance))
            {
                Add(claimIds, row.Key(nameof(ClaimAppearance.ClaimId)));
                Add(passageIds, row.Key(nameof(ClaimAppearance.PassageId)));
            }
            else if (row.ClrType == typeof(Passage))
            {
                Add(sourceIds, row.Key(nameof(Passage.SourceId)));
                Add(citedPassageIds, row.Id);
            }
            else if (row.ClrType == typeof(Source))
            {
                Add(sourceIds, row.Id);
            }
            else
            {
                // Claim, Verdict, Claimant, Topic, join rows and anything unforeseen.
                return [OutputCacheReaderPolicy.AllTag];
            }
        }

        if (claimIds.Count == 0 && sourceIds.Count == 0)
        {
            return [];
        }

        // Who cites what is read after the commit through a context of its own: the saving one may still
        // be closing its caller's transaction.
        if (passageIds.Count > 0 || sourceIds.Count > 0 || citedPassageIds.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
            if (passageIds.Count > 0)
            {
                sourceIds.UnionWith(await db.Passages.AsNoTracking().Where(p => passageIds.Contains(p.Id)).Select(p => p.SourceId).ToListAsync(cancellationToken));
            }

            // A document's title and a passage's words appear on the pages of every claim that cites them.
            claimIds.UnionWith(await db.Evidence.AsNoTracking()
                .Where(e => sourceIds.Contains(e.Passage.SourceId) || citedPassageIds.Contains(e.PassageId)).Select(e => e.ClaimId)
                .Union(db.ClaimAppearances.Where(a => sourceIds.Contains(a.Passage.SourceId) || citedPassageIds.Contains(a.PassageId)).Select(a => a.ClaimId))
                .ToListAsync(cancellationToken));
        }

        var tags = new HashSet<string>(StringComparer.Ordinal) { OutputCacheReaderPolicy.ListsTag };
        tags.UnionWith(claimIds.Select(OutputCacheReaderPolicy.ClaimTag));
        tags.UnionWith(sourceIds.Select(OutputCacheReaderPolicy.SourceTag));
        return tags;
    }

    /// <summary>
    /// Accounts, API tokens, the audit log, revisions, the key ring and eviction notices appear on no cached
    /// page: without this, every sign-in (and every failed one, which updates the lockout count) would empty
    /// the whole reader cache, and a notice of an eviction would set off another.
    /// </summary>
    private static bool IsNeverShownToReaders(Type type) =>
        type == typeof(AuditEntry) || type == typeof(Revision) || type == typeof(EditorUser)
        || type == typeof(ApiToken) || type == typeof(CacheEviction)
        || type.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) == true
        || type.Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true;

    private static void Add(HashSet<int> ids, int? id)
    {
        if (id is { } value)
        {
            ids.Add(value);
        }
    }
}
