using FactCheck.Data.Similarity;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Infrastructure;

/// <summary>Claims' stored similar-claim sets, as the refresher leaves them.</summary>
public static class SimilarSets
{
    /// <summary>
    /// Stores the claim's set now, as the refresher would, unless it is fresh already; again if the refresher
    /// or a save got in between. A page read after this reads the stored set.
    /// </summary>
    public static async Task EnsureFreshAsync(FactCheckAppFactory app, int claimId)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var fresh = await app.QueryAsync(async db =>
            {
                if (await SimilarClaimStore.ReadFreshAsync(db, claimId) is not null)
                {
                    return true;
                }

                var generation = await db.SimilarClaimSets.Where(s => s.ClaimId == claimId).Select(s => (int?)s.Generation).FirstOrDefaultAsync();
                var matches = await db.SearchIndex.FindSimilarClaimsAsync(claimId, SimilarClaimStore.StoredCount);
                return await SimilarClaimStore.StoreAsync(db, claimId, generation, matches) != SimilarSetStored.No;
            });
            if (fresh)
            {
                return;
            }
        }

        throw new InvalidOperationException($"Claim {claimId}'s similar claims could not be stored.");
    }

    /// <summary>Waits for the background refresher to leave the claim's set fresh and <paramref name="until"/> true of it.</summary>
    public static async Task<IReadOnlyList<int>> WaitForAsync(FactCheckAppFactory app, int claimId, Func<IReadOnlyList<int>, bool> until)
    {
        IReadOnlyList<int> last = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var set = await app.QueryAsync(db => SimilarClaimStore.ReadFreshAsync(db, claimId));
            if (set is not null)
            {
                last = set.Select(m => m.ClaimId).ToList();
                if (until(last))
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Claim {claimId}'s similar claims never became what the test waits for; last fresh set: [{string.Join(", ", last)}].");
    }
}
