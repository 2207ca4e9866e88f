using System.Collections.Frozen;

namespace FactCheck.Data.Verdicts;

/// <summary>One step of the scale as readers and ClaimReview consumers see it.</summary>
/// <param name="Value">Position on the truth scale, <see cref="RatingScale.WorstValue"/> to <see cref="RatingScale.BestValue"/>;
/// null for Unproven, which says nothing about truth.</param>
public sealed record RatingInfo(Rating Rating, string Label, string Slug, int? Value, string Meaning);

/// <summary>The single rating scale, in order from true to false, then unproven.</summary>
public static class RatingScale
{
    public const int BestValue = 6;
    public const int WorstValue = 1;

    /// <summary>ClaimReview ratingValue for a rating off the truth scale (widespread ClaimReview practice).</summary>
    public const int NotRateableValue = -1;

    public static IReadOnlyList<RatingInfo> All { get; } =
    [
        new(Rating.True, "True", "true", 6, "The statement is accurate and nothing significant is missing."),
        new(Rating.MostlyTrue, "Mostly true", "mostly-true", 5, "Accurate, but needs clarification or additional information."),
        new(Rating.HalfTrue, "Half true", "half-true", 4, "Partially accurate; leaves out important details or takes things out of context."),
        new(Rating.Misleading, "Misleading", "misleading", 3, "Contains an element of truth but creates a false impression."),
        new(Rating.MostlyFalse, "Mostly false", "mostly-false", 2, "Contains an element of truth but ignores facts that would give a different impression."),
        new(Rating.False, "False", "false", 1, "The statement is not accurate."),
        new(Rating.Unproven, "Unproven", "unproven", null, "The evidence available does not allow a rating yet."),
    ];

    private static readonly FrozenDictionary<Rating, RatingInfo> ByRating = All.ToFrozenDictionary(r => r.Rating);
    private static readonly FrozenDictionary<string, RatingInfo> BySlug = All.ToFrozenDictionary(r => r.Slug, StringComparer.OrdinalIgnoreCase);

    public static RatingInfo Get(Rating rating) => ByRating[rating];

    public static bool TryParseSlug(string? slug, out Rating rating)
    {
        if (slug is not null && BySlug.TryGetValue(slug.Trim(), out var info))
        {
            rating = info.Rating;
            return true;
        }

        rating = default;
        return false;
    }

    /// <summary>The ClaimReview ratingValue: the scale position, or -1 where the rating is off the truth scale.</summary>
    public static int ClaimReviewValue(Rating rating) => Get(rating).Value ?? NotRateableValue;
}
