namespace FactCheck.Data.Entities;

/// <summary>One of a claim's similar claims, in rank order, with the words they share (the explanation shown).</summary>
public class SimilarClaimSuggestion
{
    public int ClaimId { get; set; }

    /// <summary>0 for the closest match.</summary>
    public int Rank { get; set; }

    public int SuggestedClaimId { get; set; }

    /// <summary>The shared words, rarest first, comma-separated.</summary>
    public string SharedTerms { get; set; } = "";
}
