namespace FactCheck.Data.Entities;

public enum Stance
{
    Contradicts = 0,
    Supports = 1,
    AddsContext = 2,
}

/// <summary>A cited passage that bears on a claim.</summary>
public class Evidence
{
    public int Id { get; set; }

    public int ClaimId { get; set; }

    public Claim Claim { get; set; } = null!;

    public int PassageId { get; set; }

    public Passage Passage { get; set; } = null!;

    public Stance Stance { get; set; }

    public required string Note { get; set; }

    /// <summary>
    /// Who the finding comes from, which can differ from the document's publisher: the VOA fact-check
    /// reports Human Rights Watch's findings, so the evidence is HRW's, cited through VOA.
    /// </summary>
    public required string Organization { get; set; }

    /// <summary>When the finding was made or published, as far as the document tells.</summary>
    public ReportedDate FoundOn { get; set; }
}
