using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data.Candidates;

/// <summary>
/// The existing claims a candidate may repeat, so that an editor adds it as a new appearance of a claim
/// already checked instead of a duplicate claim. The ranking is the claim page's similar claims
/// (<see cref="Search.ISearchIndex.FindClaimsLikeAsync"/>): the candidate's rarest words, ranked by bm25.
/// </summary>
public static class CandidateSuggestions
{
    public const int DefaultCount = 3;

    /// <summary>Existing claims like <paramref name="candidate"/>'s quote, closest first.</summary>
    public static async Task<IReadOnlyList<SimilarExistingClaim>> FindSimilarAsync(FactCheckDbContext db, ClaimCandidate candidate, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(candidate);
        var matches = await db.SearchIndex.FindClaimsLikeAsync(candidate.Quote, count, cancellationToken);
        if (matches.Count == 0)
        {
            return [];
        }

        var ids = matches.Select(m => m.ClaimId).ToList();
        var claims = await db.Claims.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Summary, c.Quote })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return matches
            .Where(m => claims.ContainsKey(m.ClaimId))
            .Select(m => new SimilarExistingClaim(m.ClaimId, claims[m.ClaimId].Summary, claims[m.ClaimId].Quote, Math.Round(m.Score, 3)))
            .ToList();
    }

    /// <summary>The candidates of a document's text, each with its similar existing claims.</summary>
    public static async Task<IReadOnlyList<CandidateSuggestion>> ForTextAsync(FactCheckDbContext db, string text, int count = DefaultCount, CancellationToken cancellationToken = default)
    {
        var suggestions = new List<CandidateSuggestion>();
        foreach (var candidate in ClaimCandidateFinder.Find(text))
        {
            suggestions.Add(new CandidateSuggestion(candidate, await FindSimilarAsync(db, candidate, count, cancellationToken)));
        }

        return suggestions;
    }
}
