namespace FactCheck.Data.Entities;

/// <summary>A public statement: what was said, by whom, when and where.</summary>
public class Claim
{
    public int Id { get; set; }

    /// <summary>Stable natural key from the curated archive; what re-imports match on.</summary>
    public required string Key { get; set; }

    public required string Slug { get; set; }

    /// <summary>The statement as said, word for word where <see cref="IsVerbatim"/>, otherwise as reported.</summary>
    public required string Quote { get; set; }

    /// <summary>False where the documents only report the statement in their own words.</summary>
    public bool IsVerbatim { get; set; } = true;

    /// <summary>A neutral one-line summary, used in lists and as the ClaimReview claimReviewed.</summary>
    public required string Summary { get; set; }

    public int ClaimantId { get; set; }

    public Claimant Claimant { get; set; } = null!;

    public ReportedDate SaidOn { get; set; }

    public string? SaidWhere { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The rating of the newest published verdict, kept by <see cref="FactCheckDbContext"/> on every save
    /// so that lists can filter and sort by rating without a subquery per claim. Null: under review.
    /// </summary>
    public Verdicts.Rating? CurrentRating { get; set; }

    /// <summary>
    /// The author of the newest published verdict (Polygraph.info, the archive desk, this newsroom), kept with
    /// <see cref="CurrentRating"/> so that a claimant's scorecard can credit its ratings without a subquery per claim.
    /// </summary>
    public string? CurrentRatedBy { get; set; }

    /// <summary>
    /// When the claim was withdrawn from publication (it was never said, or it was attributed to the wrong
    /// person). Its URL then answers 410 Gone with the notice, the date and <see cref="RetractionReason"/>,
    /// never a bare 404: a citation to it in a story or a court filing must still say what happened.
    /// </summary>
    public DateTime? RetractedAtUtc { get; set; }

    public string? RetractionReason { get; set; }

    public string? RetractedBy { get; set; }

    /// <summary>
    /// The claim this one was merged into, as a duplicate: its id answers 301 to the survivor for ever, so
    /// links to the retired id still land on the claim they meant.
    /// </summary>
    public int? MergedIntoId { get; set; }

    public Claim? MergedInto { get; set; }

    public DateTime? MergedAtUtc { get; set; }

    public List<Topic> Topics { get; set; } = [];

    public List<ClaimAppearance> Appearances { get; set; } = [];

    public List<Evidence> Evidence { get; set; } = [];

    public List<Verdict> Verdicts { get; set; } = [];
}
