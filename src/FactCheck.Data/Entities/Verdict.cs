using FactCheck.Data.Verdicts;

namespace FactCheck.Data.Entities;

public enum VerdictStatus
{
    Draft = 0,
    InReview = 1,
    Published = 2,
}

/// <summary>
/// A rating of a claim as of a date. Verdicts form a history: a claim about an ongoing state is
/// re-rated as evidence arrives, and the newest published verdict is the current one.
/// </summary>
public class Verdict
{
    public int Id { get; set; }

    public int ClaimId { get; set; }

    public Claim Claim { get; set; } = null!;

    public Rating Rating { get; set; }

    public required string Headline { get; set; }

    public required string RationaleMarkdown { get; set; }

    public required string Author { get; set; }

    /// <summary>
    /// The date the rating speaks for ("Misleading as of December 2021"), to the precision known: an
    /// archived fact-check may give only its month, and the archive never invents a day.
    /// </summary>
    public ReportedDate AsOf { get; set; }

    public VerdictStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }
}
