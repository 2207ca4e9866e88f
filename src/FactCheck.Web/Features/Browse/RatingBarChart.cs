using FactCheck.Web.Site;
using System.Globalization;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Browse;

/// <summary>How many of a claimant's claims hold one current rating (null: under review), and where they are listed.</summary>
public sealed record RatingCount(Rating? Rating, int Count, string? ClaimsUrl = null)
{
    public string Label => Rating is { } r ? RatingScale.Get(r).Label : "Under review";

    /// <summary>The same slug as the rating badge's class, so the bar and the badge share a colour.</summary>
    public string Slug => Rating is { } r ? RatingScale.Get(r).Slug : "under-review";
}

/// <summary>One bar, in the chart's own coordinates (the SVG's viewBox).</summary>
public sealed record RatingBar(RatingCount Row, double Y, double BarWidth, double CountX)
{
    public double TextY => Y + (RatingBarChart.BarHeight / 2);
}

/// <summary>
/// The geometry of a claimant's record as a horizontal bar chart, worked out here so that the component only
/// draws it and the numbers can be tested. Only ratings that occur are drawn: eight rows of zeros for one
/// claim told a reader nothing. Bars are in scale order (True to False, then Unproven, then under review),
/// each scaled to the largest count, and every bar carries its label and its number as text, so colour is
/// never the only signal.
/// </summary>
public sealed class RatingBarChart
{
    public const double Width = 360;

    /// <summary>The rating names sit left of the bars, in a column wide enough for "Under review".</summary>
    public const double LabelWidth = 104;

    /// <summary>Room right of the longest bar for its count.</summary>
    public const double CountWidth = 44;

    public const double BarHeight = 22;

    public const double Gap = 8;

    /// <summary>Bars for a count of one among thousands still show.</summary>
    public const double MinBarWidth = 2;

    private RatingBarChart(IReadOnlyList<RatingBar> bars, int total, int rated)
    {
        Bars = bars;
        Total = total;
        Rated = rated;
    }

    public IReadOnlyList<RatingBar> Bars { get; }

    public int Total { get; }

    /// <summary>Claims with a published rating (every bar but "under review").</summary>
    public int Rated { get; }

    public double Height => Bars.Count == 0 ? 0 : (Bars.Count * BarHeight) + ((Bars.Count - 1) * Gap);

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    public bool IsEmpty => Total == 0;

    public static RatingBarChart Build(IEnumerable<RatingCount> counts)
    {
        // Scale order: the enum's order is True to Unproven; under review (null) goes last.
        var shown = counts
            .Where(c => c.Count > 0)
            .GroupBy(c => c.Rating)
            .Select(g => g.First() with { Count = g.Sum(c => c.Count) })
            .OrderBy(c => c.Rating is null)
            .ThenBy(c => c.Rating)
            .ToList();
        var max = shown.Count == 0 ? 0 : shown.Max(c => c.Count);
        const double track = Width - LabelWidth - CountWidth;
        var bars = shown
            .Select((c, i) =>
            {
                var width = Math.Max(MinBarWidth, Math.Round(track * c.Count / max, 1));
                var y = i * (BarHeight + Gap);
                return new RatingBar(c, y, width, LabelWidth + width + 6);
            })
            .ToList();
        return new RatingBarChart(bars, shown.Sum(c => c.Count), shown.Where(c => c.Rating is not null).Sum(c => c.Count));
    }

    /// <summary>The chart's name for screen readers: "Current ratings of The Taliban's 3 claims".</summary>
    public string Title(string claimantName) => $"Current ratings of {claimantName}’s {TextBlocks.ClaimCount(Total)}";

    /// <summary>The numbers the picture shows, in words: "Misleading: 1. False: 1. Under review: 1."</summary>
    public string Description => string.Join(" ", Bars.Select(b => $"{b.Row.Label}: {b.Row.Count.ToString("N0", CultureInfo.InvariantCulture)}."));

    /// <summary>The sentence under the heading: "3 claims on the record: 2 rated, 1 under review."</summary>
    public string Summary
    {
        get
        {
            var underReview = Total - Rated;
            if (underReview == 0)
            {
                return $"{TextBlocks.ClaimCount(Total)} on the record, all rated.";
            }

            return Rated == 0
                ? $"{TextBlocks.ClaimCount(Total)} on the record, none rated yet."
                : $"{TextBlocks.ClaimCount(Total)} on the record: {Rated.ToString("N0", CultureInfo.InvariantCulture)} rated, {underReview.ToString("N0", CultureInfo.InvariantCulture)} under review.";
        }
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

}
