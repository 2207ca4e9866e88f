namespace FactCheck.Data.Entities;

/// <summary>Groups claims over time, such as the Taliban's amnesty pledges from 2018 to 2021.</summary>
public class Topic
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<Claim> Claims { get; set; } = [];

    /// <summary>
    /// How many published claims (not retracted, not merged) are listed here: derived from <see cref="ClaimListing"/>
    /// and kept by <see cref="FactCheckDbContext"/> in the save that changes them, so that lists and
    /// pages never count a large record per request.
    /// </summary>
    public int ListedClaimCount { get; set; }
}
