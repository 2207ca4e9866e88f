namespace FactCheck.Data.Entities;

/// <summary>A passage of a source that reports the claim; one claim can appear in several sources.</summary>
public class ClaimAppearance
{
    public int Id { get; set; }

    public int ClaimId { get; set; }

    public Claim Claim { get; set; } = null!;

    public int PassageId { get; set; }

    public Passage Passage { get; set; } = null!;
}
