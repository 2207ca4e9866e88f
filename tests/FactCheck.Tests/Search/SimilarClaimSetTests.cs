using FactCheck.Data.Entities;
using FactCheck.Data.Similarity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Search;

/// <summary>
/// A claim page reads its similar claims from the claim's stored set, which saves keep in step
/// (docs/decisions/similar-claims-on-write.md): a new claim reaches its neighbours' suggestions, a retracted one
/// leaves them at once, and a page never shows a stale set.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SimilarClaimSetTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task The_page_shows_the_stored_set_once_it_is_fresh_and_ranks_live_while_it_is_stale()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        await SimilarSets.EnsureFreshAsync(App, balki.Id);
        var live = await App.QueryAsync(db => db.SearchIndex.FindSimilarClaimsAsync(balki.Id, SimilarClaimStore.StoredCount));
        var stored = await App.QueryAsync(db => SimilarClaimStore.ReadFreshAsync(db, balki.Id));
        Assert.NotEmpty(live);
        Assert.Equal(live.Select(m => (m.ClaimId, string.Join(", ", m.SharedTerms))), stored!.Select(m => (m.ClaimId, string.Join(", ", m.SharedTerms))));

        // The page reads what is stored, not the index: a planted explanation shows.
        await App.QueryAsync(db => db.SimilarClaimSuggestions.Where(g => g.ClaimId == balki.Id && g.Rank == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.SharedTerms, "planted-word")));
        Assert.Equal(["planted-word"], (await SuggestionsAsync(balki.Id))[0].SharedTerms);

        // Stale: ranked live again, whatever is stored.
        await App.QueryAsync(db => db.SimilarClaimSets.Where(s => s.ClaimId == balki.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.IsStale, true)));
        var shown = await SuggestionsAsync(balki.Id);
        Assert.Equal(live.Take(SimilarClaims.DefaultCount).Select(m => m.ClaimId), shown.Select(s => s.Id));
        Assert.DoesNotContain(shown, s => s.SharedTerms.Contains("planted-word"));

        // And the refresher, asked by that view, stores the live ranking again.
        await SimilarSets.WaitForAsync(App, balki.Id, ids => ids.SequenceEqual(live.Select(m => m.ClaimId)));
        Assert.Equal(live[0].SharedTerms, (await SuggestionsAsync(balki.Id))[0].SharedTerms);
    }

    [Fact]
    public async Task A_new_claim_reaches_its_neighbours_suggestions_and_leaves_them_when_retracted()
    {
        var first = await AddClaimAsync("similar-set-first", "The quorvex blenterine accord was signed by the zaphodian council.");
        await GetPageAsync($"/claims/{first}/similar-set-first");
        Assert.DoesNotContain(await SimilarSets.WaitForAsync(App, first, _ => true), id => id == first);

        var second = await AddClaimAsync("similar-set-second", "Zaphodian envoy says the quorvex blenterine accord is broken.");

        // The second claim's own set names the first; passed on, the first's set names the second.
        await SimilarSets.WaitForAsync(App, second, ids => ids.Contains(first));
        await SimilarSets.WaitForAsync(App, first, ids => ids.Contains(second));
        var page = await GetPageAsync($"/claims/{first}/similar-set-first");
        var links = page.QuerySelectorAll("section.similar-claims a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/claims/{second}/similar-set-second", links);

        await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == second);
            claim.RetractedAtUtc = DateTime.UtcNow;
            claim.RetractionReason = "Similar-set test.";
            return await db.SaveChangesAsync();
        });

        // In the retraction's own transaction the set that named it became stale, so no page shows it from then on.
        Assert.False(await App.QueryAsync(db => db.SimilarClaimSets.AnyAsync(s => s.ClaimId == second)));
        Assert.DoesNotContain(await SuggestionsAsync(first), s => s.Id == second);
        var after = await GetPageAsync($"/claims/{first}/similar-set-first");
        Assert.DoesNotContain(after.QuerySelectorAll("section.similar-claims a"), a => a.GetAttribute("href") == $"/claims/{second}/similar-set-second");
        await SimilarSets.WaitForAsync(App, first, ids => !ids.Contains(second));
    }

    private async Task<IReadOnlyList<SimilarClaimView>> SuggestionsAsync(int claimId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SimilarClaims>().FindAsync(claimId);
    }

    private Task<int> AddClaimAsync(string slug, string quote) => App.QueryAsync(async db =>
    {
        var claim = new Claim
        {
            Key = slug,
            Slug = slug,
            Quote = quote,
            Summary = quote,
            // A plain name: a hyphenated one is not found by its phrase on PostgreSQL, and other tests search every claimant's name.
            Claimant = new Claimant { Slug = slug + "-speaker", Name = "Speaker " + slug.Replace('-', ' ') },
            SaidOn = ReportedDate.Day(2023, 1, 2),
            CreatedAtUtc = DateTime.UtcNow,
        };
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return claim.Id;
    });
}
