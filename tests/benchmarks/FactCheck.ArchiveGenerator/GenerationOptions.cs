namespace FactCheck.ArchiveGenerator;

/// <summary>
/// How large a synthetic archive to generate. Everything else follows from <see cref="Claims"/> in the
/// proportions of a working fact-check desk: per 100,000 claims, 2,000 claimants, 200 topics,
/// 50,000 source documents and 500,000 evidence items.
/// </summary>
public sealed record GenerationOptions(int Claims, int Seed = 42)
{
    public int Claimants => Math.Max(10, Claims / 50);

    public int Topics => Math.Max(5, Claims / 500);

    public int Sources => Math.Max(10, Claims / 2);

    public int EvidenceItems => Claims * 5;
}

/// <summary>How far a generation has got: <paramref name="Done"/> of <paramref name="Total"/> items of one stage.</summary>
public sealed record GenerationProgress(string Stage, int Done, int Total);

/// <summary>What one generation run added, and the records a benchmark needs to address.</summary>
public sealed record GenerationResult(
    int Claims,
    int Claimants,
    int Topics,
    int Sources,
    int Passages,
    int Appearances,
    int Evidence,
    int Verdicts,
    long SourceTextCharacters,
    TimeSpan Elapsed,
    GenerationLandmarks Landmarks);

/// <summary>Typical and extreme records of a generated archive, for benchmarks and manual checks.</summary>
/// <param name="TypicalClaimId">A claim with five evidence items, two appearances and two verdicts.</param>
/// <param name="LargestClaimantSlug">The claimant with the most claims.</param>
/// <param name="LargestTopicSlug">The topic with the most claims.</param>
public sealed record GenerationLandmarks(
    int TypicalClaimId,
    string TypicalClaimSlug,
    string LargestClaimantSlug,
    int LargestClaimantClaims,
    string LargestTopicSlug,
    int LargestTopicClaims);
