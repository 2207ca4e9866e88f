using System.Threading.Channels;
using FactCheck.Data;
using FactCheck.Data.Similarity;
using FactCheck.Web.Caching;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// Computes claims' similar-claim sets off the request path and stores them (<see cref="SimilarClaimStore"/>): the
/// sets a page found missing or stale (<see cref="Request"/>), and the sets saves marked stale, in this process or
/// another (read from the database after each local save and every <see cref="PollInterval"/>). One set at a time,
/// in its own scope: a set costs one ranking query, and readers' pages come first on two cores.
/// </summary>
public sealed class SimilarClaimsRefresher(IServiceScopeFactory scopes, OutputCacheEviction eviction, ILogger<SimilarClaimsRefresher> logger) : BackgroundService, ISavedChangesListener
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private const int Batch = 50;

    // Bounded and lossy on purpose: a request dropped under a burst is asked again by the next view of that page.
    private readonly Channel<int> _requests = Channel.CreateBounded<int>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>A page ranked <paramref name="claimId"/>'s suggestions live: store them for the next view.</summary>
    public void Request(int claimId)
    {
        if (_requests.Writer.TryWrite(claimId))
        {
            Wake();
        }
    }

    public Task OnCommittedAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.RewordedClaimIds().Count > 0)
        {
            Wake();
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshPendingAsync(stoppingToken);
                await _wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database restart or a locked file: the sets stay stale and pages rank live until the next round.
                logger.LogWarning(e, "Refreshing similar claims failed; retrying in {Delay} s", PollInterval.TotalSeconds);
                try
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Works until nothing is requested or stale.</summary>
    private async Task RefreshPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var requested = new HashSet<int>();
            while (requested.Count < Batch && _requests.Reader.TryRead(out var id))
            {
                requested.Add(id);
            }

            IReadOnlyList<(int ClaimId, int Generation)> stale;
            await using (var scope = scopes.CreateAsyncScope())
            {
                stale = await SimilarClaimStore.StaleAsync(scope.ServiceProvider.GetRequiredService<FactCheckDbContext>(), Batch, cancellationToken);
            }

            var staleIds = stale.Select(s => s.ClaimId).ToHashSet();
            var work = stale.Select(s => (s.ClaimId, (int?)s.Generation)).Concat(requested.Where(id => !staleIds.Contains(id)).Select(id => (id, (int?)null))).ToList();
            if (work.Count == 0)
            {
                return;
            }

            var stored = 0;
            foreach (var (claimId, generation) in work)
            {
                try
                {
                    if (await RefreshAsync(claimId, generation, cancellationToken))
                    {
                        stored++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One claim that cannot be ranked or stored must not hold up the sets behind it in the queue.
                    logger.LogWarning(e, "Refreshing claim {ClaimId}'s similar claims failed; its page ranks them live meanwhile", claimId);
                }
            }

            logger.LogDebug("Stored {Stored} of {Count} similar-claim sets", stored, work.Count);

            // Nothing stored of a full batch of stale sets: they are being changed faster than computed, or another
            // process got there first; wait for the next round rather than spin.
            if (stored == 0 && requested.Count == 0)
            {
                return;
            }
        }
    }

    /// <param name="generation">The stale set's generation as read; null for a set a page found missing.</param>
    private async Task<bool> RefreshAsync(int claimId, int? generation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        if (generation is null && await SimilarClaimStore.HasSetAsync(db, claimId, cancellationToken))
        {
            return false;
        }

        var matches = await db.SearchIndex.FindSimilarClaimsAsync(claimId, SimilarClaimStore.StoredCount, cancellationToken);
        var stored = await SimilarClaimStore.StoreAsync(db, claimId, generation, matches, cancellationToken);
        if (stored == SimilarSetStored.No)
        {
            return false;
        }

        // A neighbour's new claim reached this set after the claim's page was cached: the page shows it from now on.
        if (stored == SimilarSetStored.Changed)
        {
            await eviction.EvictClaimPageAsync(claimId, cancellationToken);
        }

        return true;
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be: one wake-up covers every request made before it.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
