using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactCheck.Data;

/// <summary>
/// Tells <see cref="FactCheckDbContext"/> how a transaction its caller opened ended, so that the listeners
/// of saves made inside it run after its commit and not at all after a rollback. It only relays: what was
/// saved is the context's change sets, computed by the saves themselves.
/// </summary>
internal sealed class CommittedChangesInterceptor : DbTransactionInterceptor
{
    public static CommittedChangesInterceptor Instance { get; } = new();

    private CommittedChangesInterceptor()
    {
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        // A context has one transaction at a time: whatever an earlier one left (disposed without commit
        // or rollback, which rolls it back, or a commit that failed) must not ride on this one's commit.
        (eventData.Context as FactCheckDbContext)?.DiscardDeferredNotifications();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as FactCheckDbContext)?.DiscardDeferredNotifications();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        // Refused before the commit, not after: listeners are asynchronous, and blocking on them here is
        // the sync-over-async this design removes.
        if (eventData.Context is FactCheckDbContext db && db.HasDeferredNotifications(eventData.TransactionId))
        {
            throw new NotSupportedException("This transaction holds saves whose listeners are asynchronous: commit it with CommitAsync.");
        }

        return result;
    }

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FactCheckDbContext db)
        {
            await db.NotifyDeferredAsync(eventData.TransactionId);
        }
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as FactCheckDbContext)?.DiscardDeferredNotifications();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as FactCheckDbContext)?.DiscardDeferredNotifications();
        return Task.CompletedTask;
    }
}
