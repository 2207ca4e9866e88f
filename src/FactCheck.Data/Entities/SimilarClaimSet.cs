namespace FactCheck.Data.Entities;

/// <summary>
/// A published claim's similar claims as last computed (<see cref="SimilarClaimSuggestion"/> rows), so that a claim
/// page reads them instead of ranking the archive on every view. Derived data, like the search index, but kept
/// lazily: a save that changes a claim's words or publication marks this set, and the sets that name the claim,
/// stale in its transaction; a reader's page never shows a stale or missing set (it ranks live, as before) and a
/// background refresher computes it again (docs/decisions/similar-claims-on-write.md).
/// </summary>
public class SimilarClaimSet
{
    public int ClaimId { get; set; }

    public DateTime ComputedAtUtc { get; set; }

    /// <summary>True from a change that may move the suggestions until the refresher has computed them again.</summary>
    public bool IsStale { get; set; }

    /// <summary>
    /// Set when the claim's own words changed: once refreshed, the claims it now suggests are marked stale in turn,
    /// so that a new claim appears in its neighbours' suggestions. A refresh caused by a neighbour does not pass it on.
    /// </summary>
    public bool PassesOn { get; set; }

    /// <summary>Moved on by every change that marks the set stale: a refresh computed before the latest change is discarded.</summary>
    public int Generation { get; set; }

    public List<SimilarClaimSuggestion> Suggestions { get; set; } = [];
}
