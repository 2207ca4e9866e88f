namespace FactCheck.Data.Entities;

/// <summary>
/// One published state of a claim page: the claim, its current verdict and its evidence as a reader saw
/// them, numbered 1, 2, 3 ... per claim. <c>/claims/{id}/{slug}/v/{n}</c> shows state n for ever, the
/// way a Wikipedia oldid does, so a citation names exactly what was read. Append-only, like
/// <see cref="Revision"/>, and written in the same transaction as the change that made the new state.
/// </summary>
public class ClaimVersion
{
    public long Id { get; set; }

    public int ClaimId { get; set; }

    public Claim Claim { get; set; } = null!;

    public int Number { get; set; }

    /// <summary>The public page's content as JSON, complete enough to render without any other row.</summary>
    public required string Snapshot { get; set; }

    /// <summary>Who made the change that produced this state.</summary>
    public required string Author { get; set; }

    /// <summary>What changed, in words a reader can follow ("Verdict published", "Evidence added").</summary>
    public string? Reason { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
