using System.Data.Common;
using System.Runtime.CompilerServices;
using FactCheck.Data.Entities;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactCheck.Web.Caching;

/// <summary>
/// Evicts cached reader pages when a save changes what they show, once the change is committed (evicting
/// earlier would let a request still reading the old rows put the old page straight back).
/// <para>
/// Evidence, appearances, passages and sources evict precisely: the pages of the claims that cite them,
/// the pages of the documents they are in, and the list pages. A claim, verdict, claimant or topic
/// evicts every reader page: its summary, name and rating are shown on other claims' pages (similar
/// claims), on documents, timelines, scorecards, search results and the feed, and such edits are rare
/// enough that re-rendering on demand costs less than tracking every place they appear.
/// Anything else a save touches (a many-to-many row, a type added later) also evicts everything.
/// </para>
/// </summary>
public sealed class OutputCacheEviction(IOutputCacheStore store, OutputCacheGeneration generation, ILogger<OutputCacheEviction> logger) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Collect(context);
        }

        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Collect(context);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            await pending.ResolveAsync(context, cancellationToken);
            if (context.Database.CurrentTransaction is null)
            {
                await EvictAsync(context, cancellationToken);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await EvictAsync(context, cancellationToken);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            EvictAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext context)
    {
        var pending = _pending.GetOrCreateValue(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                pending.Entries.Add(entry.Entity);
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private async Task EvictAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(context, out var pending) || pending.Tags.Count == 0)
        {
            return;
        }

        _pending.Remove(context);
        var tags = pending.Tags.Contains(OutputCacheReaderPolicy.AllTag) ? [OutputCacheReaderPolicy.AllTag] : pending.Tags.ToList();

        // First, so that a render that began before the commit is not stored once the old entry is gone.
        generation.Advance();
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }

        logger.LogDebug("Output cache evicted {Tags}", tags);
    }

    /// <summary>What one context's saves touched, from tracked entities to cache tags.</summary>
    private sealed class Pending
    {
        public List<object> Entries { get; } = [];

        public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);

        /// <summary>After the save, when new rows have their ids; may query the context for who cites what.</summary>
        public async Task ResolveAsync(DbContext context, CancellationToken cancellationToken)
        {
            var claimIds = new HashSet<int>();
            var sourceIds = new HashSet<int>();
            var passageIds = new HashSet<int>();
            var citedPassageIds = new HashSet<int>();
            foreach (var entity in Entries)
            {
                switch (entity)
                {
                    case Evidence e:
                        claimIds.Add(e.ClaimId);
                        passageIds.Add(e.PassageId);
                        break;
                    case ClaimAppearance a:
                        claimIds.Add(a.ClaimId);
                        passageIds.Add(a.PassageId);
                        break;
                    case Passage p:
                        sourceIds.Add(p.SourceId);
                        citedPassageIds.Add(p.Id);
                        break;
                    case Source s:
                        sourceIds.Add(s.Id);
                        break;
                    default:
                        // Claim, Verdict, Claimant, Topic, join rows and anything unforeseen.
                        Tags.Add(OutputCacheReaderPolicy.AllTag);
                        break;
                }
            }

            Entries.Clear();
            if (Tags.Contains(OutputCacheReaderPolicy.AllTag) || (claimIds.Count == 0 && sourceIds.Count == 0))
            {
                return;
            }

            if (passageIds.Count > 0)
            {
                sourceIds.UnionWith(await context.Set<Passage>().AsNoTracking().Where(p => passageIds.Contains(p.Id)).Select(p => p.SourceId).ToListAsync(cancellationToken));
            }

            // A document's title and a passage's words appear on the pages of every claim that cites them.
            if (sourceIds.Count > 0 || citedPassageIds.Count > 0)
            {
                claimIds.UnionWith(await context.Set<Evidence>().AsNoTracking()
                    .Where(e => sourceIds.Contains(e.Passage.SourceId) || citedPassageIds.Contains(e.PassageId)).Select(e => e.ClaimId)
                    .Union(context.Set<ClaimAppearance>().Where(a => sourceIds.Contains(a.Passage.SourceId) || citedPassageIds.Contains(a.PassageId)).Select(a => a.ClaimId))
                    .ToListAsync(cancellationToken));
            }

            Tags.Add(OutputCacheReaderPolicy.ListsTag);
            Tags.UnionWith(claimIds.Select(OutputCacheReaderPolicy.ClaimTag));
            Tags.UnionWith(sourceIds.Select(OutputCacheReaderPolicy.SourceTag));
        }
    }
}
