using FactCheck.Data.Candidates;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Candidates;

/// <summary>
/// Existing claims suggested for a candidate, against the imported seeds: a quote already checked must lead the
/// editor to its claim instead of a duplicate.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class CandidateSuggestionsTests(FactCheckAppFactory app)
{
    [Fact]
    public async Task A_statement_already_claimed_suggests_that_claim_first_with_its_summary_and_quote()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", "004_210fd761f616b05a.txt"));
        var mujahid = ClaimCandidateFinder.Find(text).First(c => c.Quote.StartsWith("the Islamic Emirate issued an amnesty", StringComparison.Ordinal));

        var (similar, claim) = await app.QueryAsync(async db => (
            await CandidateSuggestions.FindSimilarAsync(db, mujahid),
            await db.Claims.AsNoTracking().SingleAsync(c => c.Key == "mujahid-amnesty-for-all-employees")));

        var first = similar[0];
        Assert.Equal(claim.Id, first.Id);
        Assert.Equal(claim.Summary, first.Summary);
        Assert.Equal(claim.Quote, first.Quote);
        Assert.Equal(similar.OrderByDescending(s => s.Score).Select(s => s.Id), similar.Select(s => s.Id));
        Assert.True(first.Score > similar[^1].Score, "the claim quoted word for word ranks clearly above the rest");
    }

    [Fact]
    public async Task A_statement_sharing_no_word_with_any_claim_has_no_suggestions()
    {
        var candidate = new ClaimCandidate("Karimi", null, "Bananas ripen faster in paper bags", 0, 34);

        var similar = await app.QueryAsync(db => CandidateSuggestions.FindSimilarAsync(db, candidate));

        Assert.Empty(similar);
    }

    [Fact]
    public async Task Suggestions_for_a_text_pair_each_candidate_with_its_own_similar_claims()
    {
        const string text = "“The Mojahedin are fully committed to enforcing the amnesty decree,” Taliban spokesman Bilal Karimi said.\n\n“Bananas ripen faster in paper bags,” Blinken said.";

        var (suggestions, balkiId) = await app.QueryAsync(async db => (
            await CandidateSuggestions.ForTextAsync(db, text),
            await db.Claims.Where(c => c.Key == "balki-amnesty-fully-committed").Select(c => c.Id).SingleAsync()));

        Assert.Equal(["Bilal Karimi", "Blinken"], suggestions.Select(s => s.Candidate.Speaker));
        Assert.Equal(balkiId, suggestions[0].Similar[0].Id);
        Assert.Empty(suggestions[1].Similar);
    }
}
