using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Seeding;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Verdicts;

/// <summary>
/// The current-verdict rule has an in-memory form (pages order what they loaded) and SQL forms (the
/// NOT EXISTS behind the home page, the stored Claim.CurrentRating, the database ordering). On claims
/// whose verdicts tie on the as-of date, or on the date and the publication time, they must all pick
/// the same verdict.
/// </summary>
public sealed class CurrentVerdictRuleTests : IAsyncLifetime
{
    private readonly SeedDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.ImportAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task In_memory_and_SQL_forms_pick_the_same_verdict_on_claims_with_ties()
    {
        var published = new DateTime(2024, 3, 6, 9, 0, 0, DateTimeKind.Utc);
        List<Verdict> added;
        await using (var db = _database.CreateContext())
        {
            var claimIds = await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync();
            added =
            [
                // Claim one: the same day, later publication wins; the same day and time, the higher id wins;
                // a month-precision date is its first day, so a later-published "March 2024" loses; drafts never count.
                Verdict(claimIds[0], Rating.True, ReportedDate.Day(2024, 3, 5), published),
                Verdict(claimIds[0], Rating.MostlyTrue, ReportedDate.Day(2024, 3, 5), published.AddHours(1)),
                Verdict(claimIds[0], Rating.HalfTrue, ReportedDate.Day(2024, 3, 5), published.AddHours(1)),
                Verdict(claimIds[0], Rating.False, ReportedDate.Month(2024, 3), published.AddDays(3)),
                Verdict(claimIds[0], Rating.Misleading, ReportedDate.Day(2025, 1, 1), null),

                // Claim two: tied on date and publication, only the id tells them apart.
                Verdict(claimIds[1], Rating.MostlyFalse, ReportedDate.Day(2030, 1, 1), published),
                Verdict(claimIds[1], Rating.Unproven, ReportedDate.Day(2030, 1, 1), published),
            ];
            db.Verdicts.AddRange(added);
            await db.SaveChangesAsync();
        }

        var tiedOnTime = added.Where(v => v.ClaimId == added[0].ClaimId && v.PublishedAtUtc == published.AddHours(1)).MaxBy(v => v.Id)!;
        var tiedOnAll = added.Where(v => v.ClaimId == added[^1].ClaimId).MaxBy(v => v.Id)!;

        await using var check = _database.CreateContext();
        var verdicts = await check.Verdicts.AsNoTracking().Where(v => v.Status == VerdictStatus.Published).ToListAsync();
        var inMemory = verdicts.GroupBy(v => v.ClaimId)
            .ToDictionary(g => g.Key, g => CurrentVerdict.NewestFirst(g, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).First().Id);
        var notExists = await CurrentVerdict.Of(check.Verdicts).ToDictionaryAsync(v => v.ClaimId, v => v.Id);
        var ordered = new Dictionary<int, int>();
        foreach (var claimId in inMemory.Keys)
        {
            ordered[claimId] = await check.Verdicts.Where(v => v.ClaimId == claimId && v.Status == VerdictStatus.Published).NewestFirst().Select(v => v.Id).FirstAsync();
        }

        var stored = await check.Claims.Where(c => c.CurrentRating != null).ToDictionaryAsync(c => c.Id, c => c.CurrentRating!.Value);

        Assert.Equal(tiedOnTime.Id, inMemory[tiedOnTime.ClaimId]);
        Assert.Equal(tiedOnAll.Id, inMemory[tiedOnAll.ClaimId]);
        Assert.Equal(inMemory.OrderBy(p => p.Key), notExists.OrderBy(p => p.Key));
        Assert.Equal(inMemory.OrderBy(p => p.Key), ordered.OrderBy(p => p.Key));
        var ratings = verdicts.ToDictionary(v => v.Id, v => v.Rating);
        Assert.Equal(inMemory.ToDictionary(p => p.Key, p => ratings[p.Value]).OrderBy(p => p.Key), stored.OrderBy(p => p.Key));
    }

    private static Verdict Verdict(int claimId, Rating rating, ReportedDate asOf, DateTime? publishedAtUtc) => new()
    {
        ClaimId = claimId,
        Rating = rating,
        Headline = $"Rule test: {rating}",
        RationaleMarkdown = "Test.",
        Author = "Test desk",
        AsOf = asOf,
        Status = publishedAtUtc is null ? VerdictStatus.Draft : VerdictStatus.Published,
        CreatedAtUtc = publishedAtUtc ?? DateTime.UtcNow,
        PublishedAtUtc = publishedAtUtc,
    };
}
