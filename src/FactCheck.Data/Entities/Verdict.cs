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

    /// <summary>
    /// When the organisation that reached the verdict published it, to the precision known: the day the desk
    /// published it, or the month an archived fact-check appeared ("December 2021"). Null when unknown, as
    /// for archived verdicts whose publication the archive does not record; readers then see the as-of date.
    /// Not <see cref="PublishedAtUtc"/>, which is when the verdict went live on this site (an import's moment).
    /// </summary>
    public ReportedDate? PublishedOn { get; set; }

    public VerdictStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>
    /// The concurrency token of the working draft, managed by the application (SQLite has no rowversion):
    /// every save of a changed verdict adds one, and a save whose original version is no longer the
    /// stored one fails, so a colleague's edit is reported instead of overwritten.
    /// </summary>
    public int Version { get; set; }

    /// <summary>Who last changed this verdict on the desk; null for archive imports.</summary>
    public string? UpdatedBy { get; set; }

    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>Who submitted the draft for review; a chief editor publishes or sends it back.</summary>
    public string? SubmittedBy { get; set; }

    /// <summary>The chief editor's comment when sending a draft back.</summary>
    public string? ReviewComment { get; set; }

    /// <summary>
    /// Why this verdict replaces an earlier published one: the public correction note, shown on the claim
    /// page and in the feed. Required to publish over an existing verdict; null for a first verdict.
    /// </summary>
    public string? CorrectionNote { get; set; }

    /// <summary>
    /// ClaimReview's claimReviewed: the claim in under 75 characters, as fact-check aggregators show it.
    /// Null for archive imports, which fall back to the claim's summary.
    /// </summary>
    public string? ClaimReviewed { get; set; }

    /// <summary>The evidence items the verdict rests on, chosen from the claim's ledger.</summary>
    public List<Evidence> Evidence { get; set; } = [];
}
