using System.Globalization;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Site;

/// <summary>One box of the meter: a step of the scale, or the off-scale "Unproven" box.</summary>
public sealed record RatingMeterStep(RatingInfo Info, double X, double Width, bool IsCurrent)
{
    /// <summary>The box's classes: its rating's colour, and full strength when it is the verdict's.</summary>
    public string CssClass => IsCurrent
        ? $"meter__step meter__step--{Info.Slug} meter__step--current"
        : $"meter__step meter__step--{Info.Slug}";
}

/// <summary>
/// The drawing of a rating meter in SVG user units: the truth scale from True at the left to False at the
/// right, one box per step, then, apart from it, a box for Unproven, which says nothing about truth.
/// Computed here so the component only draws, and so the words a screen reader hears are tested.
/// </summary>
public sealed class RatingMeterGeometry
{
    public const double Width = 360;
    public const double Height = 62;
    public const double StepTop = 16;
    public const double StepHeight = 22;
    public const double LabelBaseline = 56;

    private const double StepWidth = 44;
    private const double StepGap = 3;
    private const double OffScaleGap = 22;
    private const double OffScaleWidth = Width - (6 * (StepWidth + StepGap)) - OffScaleGap + StepGap;

    private RatingMeterGeometry(Rating rating, IReadOnlyList<RatingMeterStep> scale, RatingMeterStep offScale)
    {
        Rating = rating;
        Scale = scale;
        OffScale = offScale;
    }

    public Rating Rating { get; }

    /// <summary>The steps of the truth scale, best first.</summary>
    public IReadOnlyList<RatingMeterStep> Scale { get; }

    /// <summary>The Unproven box.</summary>
    public RatingMeterStep OffScale { get; }

    public RatingMeterStep Current => Scale.FirstOrDefault(s => s.IsCurrent) ?? OffScale;

    /// <summary>The x of the scale's right end, where the "False" label ends.</summary>
    public double ScaleEnd => Scale[^1].X + Scale[^1].Width;

    /// <summary>The x where the dashed rule between the scale and the off-scale box runs.</summary>
    public double GapX => ScaleEnd + ((OffScale.X - ScaleEnd) / 2);

    public double PointerX => Current.X + (Current.Width / 2);

    /// <summary>A downward triangle above the current box.</summary>
    public string PointerPoints => string.Create(
        CultureInfo.InvariantCulture,
        $"{PointerX - 7},{StepTop - 13} {PointerX + 7},{StepTop - 13} {PointerX},{StepTop - 3}");

    /// <summary>The meter in words, for its aria-label: the rating, then where it sits.</summary>
    public string Description
    {
        get
        {
            var info = RatingScale.Get(Rating);
            if (info.Value is not { } value)
            {
                return $"Rated {info.Label}: off the scale from {Scale[0].Info.Label} to {Scale[^1].Info.Label}. {info.Meaning}";
            }

            var position = RatingScale.BestValue - value + 1;
            return $"Rated {info.Label}: step {position} of {Scale.Count} on the scale from {Scale[0].Info.Label} to {Scale[^1].Info.Label}.";
        }
    }

    public static RatingMeterGeometry For(Rating rating)
    {
        var onScale = RatingScale.All
            .Where(r => r.Value is not null)
            .OrderByDescending(r => r.Value)
            .Select((info, i) => new RatingMeterStep(info, i * (StepWidth + StepGap), StepWidth, info.Rating == rating))
            .ToList();
        var unproven = RatingScale.All.Single(r => r.Value is null);
        var offScaleX = onScale[^1].X + StepWidth + OffScaleGap;
        return new RatingMeterGeometry(rating, onScale, new RatingMeterStep(unproven, offScaleX, OffScaleWidth, unproven.Rating == rating));
    }

    /// <summary>An SVG number: invariant culture, so a French server still writes "12.5", not "12,5".</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
