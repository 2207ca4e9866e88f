using System.Globalization;
using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Listings;

/// <summary>
/// Keeps <see cref="ClaimListing"/> rows and the topics' and claimants' <c>ListedClaimCount</c> in step with the
/// claims: a claim's rows are deleted and written again from the claim as saved, inside the saving transaction
/// (after the current ratings, which they copy). The same statements rebuild everything when no ids are given:
/// after a bulk load, a restore, or the migration that added the table.
/// </summary>
public static class ClaimListingWriter
{
    /// <param name="claimIds">The claims to rewrite; null for all of them.</param>
    public static async Task RefreshAsync(FactCheckDbContext db, IReadOnlyCollection<int>? claimIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (claimIds is { Count: 0 })
        {
            return;
        }

        var ids = claimIds?.ToList();
        var owners = new Owners();
        if (ids is null)
        {
            await db.ClaimListings.ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            // The topics and claimant the claims were listed under before this save: a claim that moved or left
            // still changes their counts.
            owners.Add(await db.ClaimListings.Where(l => ids.Contains(l.ClaimId)).Select(l => new Owner(l.TopicId, l.ClaimantId)).ToListAsync(cancellationToken));
            await db.ClaimListings.Where(l => ids.Contains(l.ClaimId)).ExecuteDeleteAsync(cancellationToken);
        }

        // Integers only are written into the text; one statement per kind of owner, each provider's SQL alike.
        var only = ids is null ? "" : string.Create(CultureInfo.InvariantCulture, $""" AND c."Id" IN ({string.Join(',', ids)})""");
        const string Listed = """c."RetractedAtUtc" IS NULL AND c."MergedIntoId" IS NULL""";
        const string Columns = """("ClaimId", "TopicId", "ClaimantId", "SaidOn", "SaidOnPrecision", "CurrentRating", "CurrentRatedBy")""";
#pragma warning disable EF1002 // The SQL text holds only constants and integer ids.
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "ClaimListings" {Columns}
            SELECT c."Id", NULL, c."ClaimantId", c."SaidOn", c."SaidOnPrecision", c."CurrentRating", c."CurrentRatedBy"
            FROM "Claims" c WHERE {Listed}{only}
            """, cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO "ClaimListings" {Columns}
            SELECT c."Id", ct."TopicsId", NULL, c."SaidOn", c."SaidOnPrecision", c."CurrentRating", c."CurrentRatedBy"
            FROM "ClaimTopics" ct JOIN "Claims" c ON c."Id" = ct."ClaimsId" WHERE {Listed}{only}
            """, cancellationToken);
#pragma warning restore EF1002

        // The chart's month, in each provider's own date arithmetic (EF Core translates Year and Month).
        var written = ids is null ? db.ClaimListings : db.ClaimListings.Where(l => ids.Contains(l.ClaimId));
        await written.ExecuteUpdateAsync(s => s.SetProperty(l => l.SaidMonth, l => (l.SaidOn.Year * 100) + l.SaidOn.Month), cancellationToken);

        if (ids is null)
        {
            await db.Topics.ExecuteUpdateAsync(s => s.SetProperty(t => t.ListedClaimCount, t => db.ClaimListings.Count(l => l.TopicId == t.Id)), cancellationToken);
            await db.Claimants.ExecuteUpdateAsync(s => s.SetProperty(c => c.ListedClaimCount, c => db.ClaimListings.Count(l => l.ClaimantId == c.Id)), cancellationToken);
            return;
        }

        owners.Add(await db.ClaimListings.Where(l => ids.Contains(l.ClaimId)).Select(l => new Owner(l.TopicId, l.ClaimantId)).ToListAsync(cancellationToken));
        if (owners.Topics.Count > 0)
        {
            var topics = owners.Topics.ToList();
            await db.Topics.Where(t => topics.Contains(t.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ListedClaimCount, t => db.ClaimListings.Count(l => l.TopicId == t.Id)), cancellationToken);
        }

        if (owners.Claimants.Count > 0)
        {
            var claimants = owners.Claimants.ToList();
            await db.Claimants.Where(c => claimants.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ListedClaimCount, c => db.ClaimListings.Count(l => l.ClaimantId == c.Id)), cancellationToken);
        }
    }

    /// <summary>
    /// Rebuilds every listing when the table is empty but a published claim exists: a database the listings'
    /// migration has just reached, or one loaded by a tool that bypassed the save pipeline.
    /// </summary>
    /// <returns>Whether it rebuilt.</returns>
    public static async Task<bool> EnsureBuiltAsync(FactCheckDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await AreMissingAsync(db, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The same migration added Claim.CurrentRatedBy, which the listings copy: fill it first.
        await db.RefreshCurrentRatingsAsync(null, cancellationToken);
        await RefreshAsync(db, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>No listings, but a published claim: what <see cref="EnsureBuiltAsync"/> rebuilds, and what a start checks for.</summary>
    public static async Task<bool> AreMissingAsync(FactCheckDbContext db, CancellationToken cancellationToken = default) =>
        !await db.ClaimListings.AnyAsync(cancellationToken) && await db.Claims.AnyAsync(cancellationToken);

    private sealed record Owner(int? TopicId, int? ClaimantId);

    private sealed class Owners
    {
        public HashSet<int> Topics { get; } = [];

        public HashSet<int> Claimants { get; } = [];

        public void Add(IEnumerable<Owner> owners)
        {
            foreach (var owner in owners)
            {
                if (owner.TopicId is { } topic)
                {
                    Topics.Add(topic);
                }

                if (owner.ClaimantId is { } claimant)
                {
                    Claimants.Add(claimant);
                }
            }
        }
    }
}
