using FactCheck.Data.Verdicts;

namespace FactCheck.Data.Entities;

/// <summary>
/// A published claim as a topic's timeline or a claimant's record lists it: one row per claim and topic, and one
/// per claim for its claimant, holding what those pages sort, count and chart by. Derived data, like the search
/// index: <see cref="FactCheckDbContext"/> rewrites a claim's rows in the same transaction as any save that
/// changes them (<see cref="Listings.ClaimListingWriter"/>), so the pages read a narrow index in order instead
/// of joining and sorting thousands of claims per request (docs/decisions/claim-listings.md).
/// </summary>
public class ClaimListing
{
    public long Id { get; set; }

    public int ClaimId { get; set; }

    /// <summary>Set on a topic's row; <see cref="ClaimantId"/> on the claimant's. Exactly one of the two.</summary>
    public int? TopicId { get; set; }

    public int? ClaimantId { get; set; }

    public DateOnly SaidOn { get; set; }

    public DatePrecision SaidOnPrecision { get; set; }

    /// <summary>
    /// <see cref="SaidOn"/>'s year and month as yyyymm (202112), which the topic chart groups by: grouping thousands of
    /// dates and folding them into months in memory was half of the largest topic page's time.
    /// </summary>
    public int SaidMonth { get; set; }

    public Rating? CurrentRating { get; set; }

    public string? CurrentRatedBy { get; set; }
}
