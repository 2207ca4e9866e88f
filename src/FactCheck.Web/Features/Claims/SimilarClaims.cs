using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Similarity;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Claims;

/// <param name="SharedTerms">Why it is suggested: the rare words both claims use ("amnesty, decree").</param>
public sealed record SimilarClaimView(int Id, string Summary, string Url, string ClaimantName, ReportedDate SaidOn, Rating? CurrentRating, IReadOnlyList<string> SharedTerms)
{
    public string SharedTermsDisplay => string.Join(", ", SharedTerms);
}

/// <summary>
/// Repeated claims: other claims sharing a claim's rarest words, so that the work behind one verdict is
/// found from the other. Explainable by construction: every suggestion lists the words it shares.
/// Method and measured precision in docs/decisions/search.md. Read from the claim's stored set when it is fresh;
/// ranked live otherwise, and the set handed to <see cref="SimilarClaimsRefresher"/> to store off the request path
/// (docs/decisions/similar-claims-on-write.md).
/// </summary>
public sealed class SimilarClaims(FactCheckDbContext db, SimilarClaimsRefresher refresher)
{
    public const int DefaultCount = 3;

    public async Task<IReadOnlyList<SimilarClaimView>> FindAsync(int claimId, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        var matches = await SimilarClaimStore.ReadFreshAsync(db, claimId, cancellationToken);
        if (matches is null)
        {
            matches = await db.SearchIndex.FindSimilarClaimsAsync(claimId, count, cancellationToken);
            refresher.Request(claimId);
        }

        if (matches.Count == 0)
        {
            return [];
        }

        var ids = matches.Select(m => m.ClaimId).ToList();
        var claims = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Slug, c.Summary, ClaimantName = c.Claimant.Name, c.SaidOn, c.CurrentRating })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        // A stored suggestion retracted since is skipped here (the set is marked stale by the retraction, too).
        return matches
            .Where(m => claims.ContainsKey(m.ClaimId))
            .Take(count)
            .Select(m => claims[m.ClaimId] is var c
                ? new SimilarClaimView(c.Id, c.Summary, SiteUrls.Claim(c.Id, c.Slug), c.ClaimantName, c.SaidOn, c.CurrentRating, m.SharedTerms)
                : null!)
            .ToList();
    }
}
