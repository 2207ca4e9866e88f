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
}
