namespace FactCheck.Data.Entities;

public enum ClaimantKind
{
    Person = 0,
    Organization = 1,
}

/// <summary>A person or organisation whose statements are checked.</summary>
public class Claimant
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public ClaimantKind Kind { get; set; }

    public string? Role { get; set; }

    public string? Affiliation { get; set; }

    public List<Claim> Claims { get; set; } = [];

    /// <summary>
    /// How many published claims (not retracted, not merged) are listed here: derived from <see cref="ClaimListing"/>
    /// and kept by <see cref="FactCheckDbContext"/> in the save that changes them, so that lists and
    /// pages never count a large record per request.
    /// </summary>
    public int ListedClaimCount { get; set; }
}
