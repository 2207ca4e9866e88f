using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data;

/// <summary>
/// Checks and the save that depends on them in one transaction, on both providers. A colleague's save must not
/// land between a check (the revision the form was opened at, a merge chain, a source's hash) and ours.
/// <para>
/// SQLite's transaction is BEGIN IMMEDIATE: it takes the database's one write lock before the checks read, so
/// every other writer waits. PostgreSQL has no such lock, and READ COMMITTED would let two checks pass side by
/// side; there the transaction first takes a transaction-scoped advisory lock on <see cref="WriteLock"/>, which
/// every writer of the same kind takes too, so their checks and saves run one after the other and the second sees
/// what the first committed. The lock ends with the transaction, a crash included.
/// </para>
/// <para>
/// The whole unit runs inside the provider's execution strategy (Npgsql's retries refuse a transaction opened
/// outside it); a retry starts from an empty change tracker, since the work loads what it checks itself.
/// </para>
/// </summary>
public static class WriteTransaction
{
    public static async Task<T> RunAsync<T>(
        FactCheckDbContext db,
        WriteLock writeLock,
        Func<CancellationToken, Task<T>> work,
        Func<T, bool> commit,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(commit);
        var attempt = 0;
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            writeLock,
            async (_, key, ct) =>
            {
                if (attempt++ > 0)
                {
                    db.ChangeTracker.Clear();
                }

                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [key.Space, key.Key], ct);
                }

                var outcome = await work(ct);
                if (commit(outcome))
                {
                    await transaction.CommitAsync(ct);
                }

                return outcome;
            },
            verifySucceeded: null,
            cancellationToken);
    }
}

/// <summary>
/// What a <see cref="WriteTransaction"/> serialises against on PostgreSQL: writers taking the same key wait for each other.
/// The first half of the key names the kind of writer ("FCdw", "FCds" in ASCII: apart from the set-up lock's "FactChek").
/// </summary>
public readonly record struct WriteLock(int Space, int Key)
{
    private const int DeskSpace = 0x46436477;
    private const int SourceSpace = 0x46436473;

    /// <summary>Claim edits, retractions and merges: one lock for all claims, since a merge's checks read a chain of them.</summary>
    public static WriteLock ClaimDesk => new(DeskSpace, 1);

    /// <summary>Account and role changes: roles are created on first use, and an account and its role go together.</summary>
    public static WriteLock Accounts => new(DeskSpace, 2);

    /// <summary>One source's text: a correction checks the hash the editor saw.</summary>
    public static WriteLock Source(int sourceId) => new(SourceSpace, sourceId);
}
