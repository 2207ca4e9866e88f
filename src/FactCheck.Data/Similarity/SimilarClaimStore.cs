using FactCheck.Data.Entities;
using FactCheck.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Similarity;

/// <summary>
/// Keeps <see cref="SimilarClaimSet"/>s: marks them stale in the transaction of a save that changes a claim's words
/// or publication, reads a fresh set for a claim page, and stores a set computed off the request path
/// (docs/decisions/similar-claims-on-write.md). Every statement is the same on SQLite and PostgreSQL.
/// </summary>
public static class SimilarClaimStore
{
    /// <summary>How many suggestions a set keeps: more than a page shows, so that a retracted one leaves enough.</summary>
    public const int StoredCount = 6;

    /// <summary>
    /// In the saving transaction: the reworded claims' own sets become stale and pass the change on once refreshed
    /// (a claim new to the index must reach its neighbours' suggestions); the sets that name them become stale; an
    /// unpublished claim's set is dropped.
    /// </summary>
    internal static async Task MarkRewordedAsync(FactCheckDbContext db, IReadOnlySet<int> claimIds, CancellationToken cancellationToken)
    {
        if (claimIds.Count == 0)
        {
            return;
        }

        var ids = claimIds.ToList();

        // Found through the index on SuggestedClaimId first: as a correlated condition of the update, SQLite tested every set.
        var naming = await db.SimilarClaimSuggestions.Where(g => ids.Contains(g.SuggestedClaimId)).Select(g => g.ClaimId).Distinct().ToListAsync(cancellationToken);
        naming.RemoveAll(claimIds.Contains);
        if (naming.Count > 0)
        {
            await db.SimilarClaimSets.Where(s => naming.Contains(s.ClaimId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsStale, true).SetProperty(x => x.Generation, x => x.Generation + 1), cancellationToken);
        }

        var published = await db.Claims.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        var gone = ids.Except(published).ToList();
        if (gone.Count > 0)
        {
            await db.SimilarClaimSets.Where(s => gone.Contains(s.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        }

        var now = DateTime.UtcNow;
        foreach (var id in published)
        {
            // An upsert: a refresher in another process may store this claim's first set while the save runs. A new
            // claim's empty stale set is the refresher's queue entry for it.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SimilarClaimSets" ("ClaimId", "ComputedAtUtc", "IsStale", "PassesOn", "Generation") VALUES ({id}, {now}, TRUE, TRUE, 0)
                ON CONFLICT ("ClaimId") DO UPDATE SET "IsStale" = TRUE, "PassesOn" = TRUE, "Generation" = "SimilarClaimSets"."Generation" + 1
                """, cancellationToken);
        }
    }

    /// <summary>A fresh set's suggestions in rank order; null when the set is missing or stale (the caller ranks live).</summary>
    public static async Task<IReadOnlyList<SimilarClaimMatch>?> ReadFreshAsync(FactCheckDbContext db, int claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A flat left join (one row per suggestion, one for an empty set): nested, EF Core wrapped the set in a
        // LIMIT 1 subquery that SQLite then scanned.
        var rows = await db.SimilarClaimSets.AsNoTracking().Where(s => s.ClaimId == claimId)
            .SelectMany(s => s.Suggestions.DefaultIfEmpty(), (s, g) => new { s.IsStale, Rank = (int?)g!.Rank, SuggestedClaimId = (int?)g.SuggestedClaimId, SharedTerms = (string?)g.SharedTerms })
            .ToListAsync(cancellationToken);
        return rows.Count == 0 || rows[0].IsStale
            ? null
            : rows.Where(r => r.SuggestedClaimId is not null).OrderBy(r => r.Rank)
                .Select(r => new SimilarClaimMatch(r.SuggestedClaimId!.Value, (r.SharedTerms ?? "").Split(", ", StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    public static Task<bool> HasSetAsync(FactCheckDbContext db, int claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SimilarClaimSets.AnyAsync(s => s.ClaimId == claimId, cancellationToken);
    }

    /// <summary>The refresher's work: stale sets, those waiting longest first, with the generation each was read at.</summary>
    public static async Task<IReadOnlyList<(int ClaimId, int Generation)>> StaleAsync(FactCheckDbContext db, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.SimilarClaimSets.AsNoTracking().Where(s => s.IsStale).OrderBy(s => s.ComputedAtUtc).ThenBy(s => s.ClaimId)
            .Take(limit).Select(s => new { s.ClaimId, s.Generation }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.ClaimId, r.Generation)).ToList();
    }

    /// <summary>
    /// Stores <paramref name="matches"/>, computed from the index as of generation <paramref name="generation"/> of the
    /// set (null: there was no set). <see cref="SimilarSetStored.No"/>, storing nothing, when a save has marked the set
    /// again since, another process stored it first, or the claim is no longer published: the next refresh computes it anew.
    /// </summary>
    public static async Task<SimilarSetStored> StoreAsync(FactCheckDbContext db, int claimId, int? generation, IReadOnlyList<SimilarClaimMatch> matches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(matches);
        var now = DateTime.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            // Retracted or merged since: its set would only wait at the head of the queue for ever.
            await db.SimilarClaimSets.Where(s => s.ClaimId == claimId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return SimilarSetStored.No;
        }

        bool passesOn;
        if (generation is { } expected)
        {
            passesOn = await db.SimilarClaimSets.Where(s => s.ClaimId == claimId).Select(s => s.PassesOn).FirstOrDefaultAsync(cancellationToken);
            var claimed = await db.SimilarClaimSets.Where(s => s.ClaimId == claimId && s.Generation == expected && s.IsStale)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsStale, false).SetProperty(x => x.PassesOn, false).SetProperty(x => x.ComputedAtUtc, now), cancellationToken);
            if (claimed == 0)
            {
                return SimilarSetStored.No;
            }
        }
        else
        {
            passesOn = false;
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SimilarClaimSets" ("ClaimId", "ComputedAtUtc", "IsStale", "PassesOn", "Generation") VALUES ({claimId}, {now}, FALSE, FALSE, 0)
                ON CONFLICT ("ClaimId") DO NOTHING
                """, cancellationToken);
            if (inserted == 0)
            {
                return SimilarSetStored.No;
            }
        }

        var before = await db.SimilarClaimSuggestions.Where(g => g.ClaimId == claimId).OrderBy(g => g.Rank).Select(g => g.SuggestedClaimId).ToListAsync(cancellationToken);
        await db.SimilarClaimSuggestions.Where(g => g.ClaimId == claimId).ExecuteDeleteAsync(cancellationToken);
        var rank = 0;
        foreach (var match in matches.Take(StoredCount))
        {
            var terms = Truncate(string.Join(", ", match.SharedTerms), 400);
            var suggested = match.ClaimId;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SimilarClaimSuggestions" ("ClaimId", "Rank", "SuggestedClaimId", "SharedTerms") VALUES ({claimId}, {rank}, {suggested}, {terms})
                """, cancellationToken);
            rank++;
        }

        if (passesOn && rank > 0)
        {
            // Suggestions are not symmetric, but a claim's closest matches are where it most likely belongs in turn.
            var neighbours = matches.Take(StoredCount).Select(m => m.ClaimId).ToList();
            await db.SimilarClaimSets
                .Where(s => neighbours.Contains(s.ClaimId) && !s.Suggestions.Any(g => g.SuggestedClaimId == claimId))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IsStale, true).SetProperty(x => x.Generation, x => x.Generation + 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Only a set a page may have shown before can change a cached page. A new set was never shown (pages ranked
        // live), nor was a reworded claim's own (its save evicted its page, and pages ranked live while it was stale).
        // A neighbour marked by the pass-on above may be cached from its old set.
        var shownBefore = generation is not null && !passesOn;
        return !shownBefore || before.SequenceEqual(matches.Take(StoredCount).Select(m => m.ClaimId)) ? SimilarSetStored.Same : SimilarSetStored.Changed;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// What <see cref="SimilarClaimStore.StoreAsync"/> did. <see cref="Changed"/>: the claim's page as a cache may hold it
/// shows other suggestions, so the cache must drop it; <see cref="Same"/> also for a new set and the reworded claim's own.
/// </summary>
public enum SimilarSetStored
{
    No,
    Same,
    Changed,
}
