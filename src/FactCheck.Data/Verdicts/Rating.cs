namespace FactCheck.Data.Verdicts;

/// <summary>The one rating scale every verdict uses; see <see cref="RatingScale"/> for labels and values.</summary>
public enum Rating
{
    True = 0,
    MostlyTrue = 1,
    HalfTrue = 2,
    Misleading = 3,
    MostlyFalse = 4,
    False = 5,
    Unproven = 6,
}
