using FactCheck.Web.Site;
using System.Globalization;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Browse;

/// <summary>One of a small topic's claims for the chart: where it links and what its marker says.</summary>
public sealed record TimelinePoint(int ClaimId, string Url, string Summary, ReportedDate SaidOn, Rating? Rating)
{
    public string RatingLabel => Rating is { } r ? RatingScale.Get(r).Label : "Under review";

    public string RatingSlug => Rating is { } r ? RatingScale.Get(r).Slug : "under-review";
}

/// <summary>How many of a large topic's claims were said in one month (or, with <see cref="DatePrecision.Year"/>, dated only to the year).</summary>
public sealed record TimelineCount(int Year, int Month, DatePrecision Precision, int Count);

/// <summary>
/// A claim drawn at its date. A day is a dot; a month or a year is a bar across the period, because the
/// archive does not know the day and the picture must not pretend to.
/// </summary>
public sealed record TimelineMarker(TimelinePoint Point, double X, double Y, double SpanWidth)
{
    public bool IsSpan => Point.SaidOn.Precision != DatePrecision.Day;

    /// <summary>The link's accessible name: the claim, when it was said and its rating, in words.</summary>
    public string Name => $"{Point.Summary}: said {Point.SaidOn.ToDisplayString()}, rated {Point.RatingLabel}";
}

/// <summary>A column of a large topic's chart: claims said in one month or one year.</summary>
public sealed record TimelineBin(string Label, double X, double Y, double Width, double Height, int Count);

/// <summary>Claims dated only to a year, drawn as a band across that year under a month-binned chart.</summary>
public sealed record TimelineYearBand(int Year, double X, double Y, double Width, int Count);

public sealed record TimelineTick(int Year, double X, double LabelX);

/// <summary>
/// The geometry of a topic's years as a timeline, worked out here so the component only draws it. A topic of
/// up to <see cref="MaxMarkers"/> claims gets one marker per claim, each a link to the claim, stacked into
/// lanes so markers never overlap; a larger topic gets a column per month (up to <see cref="MaxMonthBinYears"/>
/// years) or per year, from counts the database groups, so 8,671 claims cost a few dozen rows, not 8,671 nodes.
/// </summary>
public sealed class TopicTimelineChart
{
    public const int MaxMarkers = 60;

    public const int MaxMonthBinYears = 4;

    // Narrow enough that a phone (about 360 px of column) draws it at three quarters of its size, not half.
    public const double Width = 480;

    public const double Margin = 12;

    // Room in each marker for its rating's glyph, so the rating is told by shape as well as colour (WCAG 1.4.1).
    public const double LaneHeight = 22;

    public const double DotRadius = 8;

    public const double SpanHeight = 16;

    /// <summary>The glyph's square inside a marker.</summary>
    public const double GlyphSize = 11;

    /// <summary>Markers closer than this share a lane only if they do not touch.</summary>
    public const double MarkerGap = 4;

    public const double ColumnHeight = 120;

    public const double AxisHeight = 28;

    private TopicTimelineChart(int firstYear, int lastYear, int total)
    {
        FirstYear = firstYear;
        LastYear = lastYear;
        Total = total;
    }

    public int FirstYear { get; }

    public int LastYear { get; }

    public int Total { get; }

    public IReadOnlyList<TimelineMarker> Markers { get; private init; } = [];

    public IReadOnlyList<TimelineBin> Bins { get; private init; } = [];

    public IReadOnlyList<TimelineYearBand> YearBands { get; private init; } = [];

    public IReadOnlyList<TimelineTick> Ticks { get; private init; } = [];

    /// <summary>Per year, for the text alternative: how many claims were said that year.</summary>
    public IReadOnlyList<(int Year, int Count)> PerYear { get; private init; } = [];

    public bool IsBinned => Markers.Count == 0;

    /// <summary>"month" or "year": what one column stands for when the chart is binned.</summary>
    public string BinUnit { get; private init; } = "year";

    /// <summary>Where the axis line is drawn; the year labels sit under it.</summary>
    public double AxisY { get; private init; }

    public double Height => AxisY + AxisHeight;

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    private static double PlotWidth => Width - (2 * Margin);

    public static TopicTimelineChart? ForClaims(IReadOnlyCollection<TimelinePoint> points)
    {
        if (points.Count == 0)
        {
            return null;
        }

        var first = points.Min(p => p.SaidOn.Date.Year);
        var last = points.Max(p => p.SaidOn.Date.Year);
        var scale = new Scale(first, last);

        // Greedy lanes, earliest first: each marker takes the first lane whose last marker it does not touch.
        var laneEnds = new List<double>();
        var markers = new List<TimelineMarker>();
        foreach (var point in points.OrderBy(p => p.SaidOn.Date).ThenBy(p => p.SaidOn.Precision).ThenBy(p => p.ClaimId))
        {
            double start, end;
            if (point.SaidOn.Precision == DatePrecision.Day)
            {
                var centre = scale.X(point.SaidOn.Date) + (scale.DayWidth / 2);
                start = centre - DotRadius;
                end = centre + DotRadius;
            }
            else
            {
                start = scale.X(point.SaidOn.Date);
                end = Math.Max(scale.XEnd(point.SaidOn.LastDay), start + (2 * DotRadius));
            }

            var lane = laneEnds.FindIndex(e => e + MarkerGap <= start);
            if (lane < 0)
            {
                laneEnds.Add(end);
                lane = laneEnds.Count - 1;
            }
            else
            {
                laneEnds[lane] = end;
            }

            var y = Margin + (lane * LaneHeight) + (LaneHeight / 2);
            markers.Add(new TimelineMarker(point, Math.Round((start + end) / 2, 1), y, Math.Round(end - start, 1)));
        }

        return new TopicTimelineChart(first, last, points.Count)
        {
            Markers = markers,
            Ticks = scale.Ticks(),
            PerYear = points.GroupBy(p => p.SaidOn.Date.Year).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList(),
            AxisY = Margin + (laneEnds.Count * LaneHeight) + 4,
        };
    }

    public static TopicTimelineChart? ForCounts(IReadOnlyCollection<TimelineCount> counts)
    {
        counts = counts.Where(c => c.Count > 0).ToList();
        if (counts.Count == 0)
        {
            return null;
        }

        var first = counts.Min(c => c.Year);
        var last = counts.Max(c => c.Year);
        var scale = new Scale(first, last);
        var byMonth = last - first + 1 <= MaxMonthBinYears;
        var perYear = counts.GroupBy(c => c.Year).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(c => c.Count))).ToList();

        // A month column holds the claims known to that month or day; claims known only to their year cannot be
        // put in a month, so they get a band across their year under the columns.
        var columns = byMonth
            ? counts.Where(c => c.Precision != DatePrecision.Year)
                .GroupBy(c => (c.Year, c.Month))
                .Select(g => (Start: new DateOnly(g.Key.Year, g.Key.Month, 1), End: ReportedDate.Month(g.Key.Year, g.Key.Month).LastDay, Label: new DateOnly(g.Key.Year, g.Key.Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture), Count: g.Sum(c => c.Count)))
                .ToList()
            : perYear.Select(y => (Start: new DateOnly(y.Key, 1, 1), End: new DateOnly(y.Key, 12, 31), Label: y.Key.ToString(CultureInfo.InvariantCulture), Count: y.Item2)).ToList();
        var max = columns.Count == 0 ? 1 : columns.Max(c => c.Count);
        var baseline = Margin + ColumnHeight;
        var bins = columns
            .OrderBy(c => c.Start)
            .Select(c =>
            {
                var x = scale.X(c.Start);
                var width = Math.Max(1, scale.XEnd(c.End) - x - 1);
                var height = Math.Max(1, Math.Round(ColumnHeight * c.Count / max, 1));
                return new TimelineBin(c.Label, Math.Round(x, 1), Math.Round(baseline - height, 1), Math.Round(width, 1), height, c.Count);
            })
            .ToList();

        var bands = byMonth
            ? counts.Where(c => c.Precision == DatePrecision.Year)
                .GroupBy(c => c.Year)
                .OrderBy(g => g.Key)
                .Select(g => new TimelineYearBand(g.Key, Math.Round(scale.X(new DateOnly(g.Key, 1, 1)), 1), baseline + 6, Math.Round(scale.XEnd(new DateOnly(g.Key, 12, 31)) - scale.X(new DateOnly(g.Key, 1, 1)) - 1, 1), g.Sum(c => c.Count)))
                .ToList()
            : [];

        return new TopicTimelineChart(first, last, counts.Sum(c => c.Count))
        {
            Bins = bins,
            YearBands = bands,
            Ticks = scale.Ticks(),
            PerYear = perYear,
            BinUnit = byMonth ? "month" : "year",
            AxisY = baseline + (bands.Count > 0 ? 6 + LaneHeight : 0) + 4,
        };
    }

    /// <summary>The chart's name: "Timeline of 7 claims, 2018 to 2021".</summary>
    public string Title(string topicName) =>
        $"{topicName}: {TextBlocks.ClaimCount(Total)} {(FirstYear == LastYear ? $"in {FirstYear}" : $"from {FirstYear} to {LastYear}")}";

    /// <summary>The numbers per year in words: "2018: 2 claims. 2021: 5 claims."</summary>
    public string Description
    {
        get
        {
            var years = string.Join(" ", PerYear.Select(y => $"{y.Year.ToString(CultureInfo.InvariantCulture)}: {TextBlocks.ClaimCount(y.Count)}."));
            return IsBinned ? $"Claims per {BinUnit}. {years}" : $"Each claim at its date; a claim dated only to a month or a year spans it. {years}";
        }
    }

    /// <summary>The binned chart's visible caption, which repeats its numbers as text.</summary>
    public string Caption =>
        $"Claims per {BinUnit}, {FirstYear} to {LastYear}{(YearBands.Count > 0 ? "; the band under a year counts claims known only to their year" : "")}. "
        + string.Join(" ", PerYear.Select(y => $"{y.Year.ToString(CultureInfo.InvariantCulture)}: {TextBlocks.ClaimCount(y.Count)}."));

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);


    /// <summary>Days to x, with the axis running from 1 January of the first year to the end of the last.</summary>
    private sealed class Scale(int firstYear, int lastYear)
    {
        private readonly DateOnly _start = new(firstYear, 1, 1);
        private readonly double _days = new DateOnly(lastYear, 12, 31).DayNumber - new DateOnly(firstYear, 1, 1).DayNumber + 1;

        public double DayWidth => PlotWidth / _days;

        public double X(DateOnly date) => Margin + ((date.DayNumber - _start.DayNumber) * DayWidth);

        /// <summary>The right edge of a period's last day; never a day later, which overflows for 31 December 9999.</summary>
        public double XEnd(DateOnly lastDay) => X(lastDay) + DayWidth;

        public List<TimelineTick> Ticks() =>
            Enumerable.Range(firstYear, lastYear - firstYear + 1)
                .Select(year =>
                {
                    var x = X(new DateOnly(year, 1, 1));
                    var next = year == lastYear ? Margin + PlotWidth : X(new DateOnly(year + 1, 1, 1));
                    return new TimelineTick(year, Math.Round(x, 1), Math.Round((x + next) / 2, 1));
                })
                .ToList();
    }
}
