using System.Globalization;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FactCheck.Tests.Search;

/// <summary>
/// How well the similar-claims suggestions find the seeds' repeated claims. The expected group is the
/// archive's one assertion made again and again: "we grant an amnesty / we will not harm you".
/// Figures are printed for docs/decisions/search.md; the floor asserted is what the method reaches.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SimilarClaimsQualityTests(FactCheckAppFactory app, ITestOutputHelper output)
{
    private const int K = 3;

    private static readonly string[] AmnestyAssertion =
    [
        "balki-amnesty-fully-committed",
        "mujahid-amnesty-for-all-employees",
        "taliban-2018-ramadan-general-amnesty",
        "taliban-2021-interpreters-not-in-danger",
    ];

    [Fact]
    public async Task Every_amnesty_claim_has_another_amnesty_claim_among_its_top_three()
    {
        var keysById = await app.QueryAsync(db => db.Claims.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Key));
        var idsByKey = keysById.ToDictionary(kv => kv.Value, kv => kv.Key);
        var group = AmnestyAssertion.Select(k => idsByKey[k]).ToHashSet();

        double precisionSum = 0, recallSum = 0;
        var hits = 0;
        foreach (var key in AmnestyAssertion)
        {
            var suggestions = await FindAsync(idsByKey[key]);
            var relevant = suggestions.Count(s => group.Contains(s.Id));
            precisionSum += relevant / (double)K;
            recallSum += relevant / (double)(group.Count - 1);
            hits += relevant > 0 ? 1 : 0;
            output.WriteLine($"{key}: {string.Join("; ", suggestions.Select(s => $"{keysById[s.Id]}{(group.Contains(s.Id) ? " [same]" : "")} (shares: {s.SharedTermsDisplay})"))}");
            Assert.DoesNotContain(suggestions, s => s.Id == idsByKey[key]);
            Assert.All(suggestions, s => Assert.NotEmpty(s.SharedTerms));
        }

        var n = AmnestyAssertion.Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"precision@{K} {precisionSum / n:0.00}, recall@{K} {recallSum / n:0.00}, hit rate {hits}/{n}"));

        Assert.Equal(n, hits);
        Assert.True(precisionSum / n >= 0.6, $"precision@{K} {precisionSum / n:0.00}");
        Assert.True(recallSum / n >= 0.6, $"recall@{K} {recallSum / n:0.00}");
    }

    [Fact]
    public async Task Claims_sharing_no_rare_word_get_no_suggestion_of_each_other()
    {
        var ids = await app.QueryAsync(db => db.Claims.AsNoTracking().ToDictionaryAsync(c => c.Key, c => c.Id));

        var blinken = await FindAsync(ids["blinken-2021-no-immediate-deterioration"]);
        var balki = await FindAsync(ids["balki-amnesty-fully-committed"]);

        // Blinken's assessment of the withdrawal is a different assertion from the Taliban's pledges.
        Assert.DoesNotContain(blinken, s => AmnestyAssertion.Take(2).Select(k => ids[k]).Contains(s.Id));
        Assert.DoesNotContain(balki, s => s.Id == ids["blinken-2021-no-immediate-deterioration"]);
    }

    private async Task<IReadOnlyList<SimilarClaimView>> FindAsync(int claimId)
    {
        _ = app.BaseAddress;
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SimilarClaims>().FindAsync(claimId, K);
    }
}
