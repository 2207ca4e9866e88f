using FactCheck.Web.Site;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Browse;

namespace FactCheck.Tests.Browse;

public class TopicTimelineChartTests
{
    private static TimelinePoint Point(int id, ReportedDate date, Rating? rating = Rating.False) => new(id, $"/claims/{id}/c", $"Claim {id}", date, rating);

    [Fact]
    public void A_day_is_a_dot_at_its_date_and_a_month_spans_the_month()
    {
        var chart = TopicTimelineChart.ForClaims([Point(1, ReportedDate.Day(2021, 7, 2)), Point(2, ReportedDate.Month(2021, 12))])!;

        var plot = TopicTimelineChart.Width - (2 * TopicTimelineChart.Margin);
        var dot = chart.Markers.Single(m => m.Point.ClaimId == 1);
        var month = chart.Markers.Single(m => m.Point.ClaimId == 2);
        Assert.False(dot.IsSpan);
        Assert.InRange(dot.X, TopicTimelineChart.Margin + (plot * 0.49), TopicTimelineChart.Margin + (plot * 0.51));
        Assert.True(month.IsSpan);
        Assert.Equal(plot * 31 / 365, month.SpanWidth, 0);
        Assert.Equal(TopicTimelineChart.Width - TopicTimelineChart.Margin, month.X + (month.SpanWidth / 2), 0);
    }

    [Fact]
    public void A_year_spans_its_year_and_the_axis_has_a_tick_per_year()
    {
        var chart = TopicTimelineChart.ForClaims([Point(1, ReportedDate.Year(2018)), Point(2, ReportedDate.Day(2021, 12, 5))])!;

        Assert.Equal([2018, 2019, 2020, 2021], chart.Ticks.Select(t => t.Year));
        var year = chart.Markers.Single(m => m.Point.ClaimId == 1);
        Assert.Equal(chart.Ticks[1].X - chart.Ticks[0].X, year.SpanWidth, 0);
        Assert.Equal("Pledges: 2 claims from 2018 to 2021", chart.Title("Pledges"));
        Assert.EndsWith("2018: 1 claim. 2021: 1 claim.", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Markers_that_would_touch_take_separate_lanes()
    {
        var chart = TopicTimelineChart.ForClaims(
        [
            Point(1, ReportedDate.Day(2021, 8, 17)),
            Point(2, ReportedDate.Day(2021, 8, 18)),
            Point(3, ReportedDate.Month(2021, 8)),
            Point(4, ReportedDate.Day(2021, 1, 1)),
        ])!;

        var lanes = chart.Markers.ToDictionary(m => m.Point.ClaimId, m => m.Y);
        Assert.Equal(3, new[] { lanes[1], lanes[2], lanes[3] }.Distinct().Count());
        Assert.Equal(lanes[4], chart.Markers.Min(m => m.Y));
        Assert.True(chart.AxisY > chart.Markers.Max(m => m.Y) + (TopicTimelineChart.SpanHeight / 2), "the axis sits under every lane");
    }

    [Fact]
    public void The_accessible_name_of_a_marker_says_what_when_and_how_rated()
    {
        var chart = TopicTimelineChart.ForClaims([Point(7, ReportedDate.Month(2018, 5), Rating.Misleading), Point(8, ReportedDate.Day(2018, 6, 1), null)])!;

        Assert.Equal("Claim 7: said May 2018, rated Misleading", chart.Markers[0].Name);
        Assert.Equal("Claim 8: said 1 June 2018, rated Under review", chart.Markers[1].Name);
    }

    [Fact]
    public void A_large_topic_over_a_few_years_is_counted_per_month_with_year_only_claims_apart()
    {
        var chart = TopicTimelineChart.ForCounts(
        [
            new(2020, 1, DatePrecision.Day, 300),
            new(2020, 1, DatePrecision.Month, 100),
            new(2020, 1, DatePrecision.Year, 50),
            new(2021, 12, DatePrecision.Day, 200),
        ])!;

        Assert.True(chart.IsBinned);
        Assert.Equal("month", chart.BinUnit);
        Assert.Equal(650, chart.Total);
        Assert.Equal(["January 2020", "December 2021"], chart.Bins.Select(b => b.Label));
        Assert.Equal([400, 200], chart.Bins.Select(b => b.Count));
        Assert.Equal(TopicTimelineChart.ColumnHeight, chart.Bins[0].Height);
        Assert.Equal(TopicTimelineChart.ColumnHeight / 2, chart.Bins[1].Height);
        Assert.Equal(chart.Bins[0].Y + chart.Bins[0].Height, chart.Bins[1].Y + chart.Bins[1].Height);
        var band = Assert.Single(chart.YearBands);
        Assert.Equal((2020, 50), (band.Year, band.Count));
        Assert.Equal([(2020, 450), (2021, 200)], chart.PerYear);
        Assert.StartsWith("Claims per month. 2020: 450 claims. 2021: 200 claims.", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_span_is_counted_per_year_and_stays_inside_the_picture()
    {
        var chart = TopicTimelineChart.ForCounts(
        [
            new(2010, 3, DatePrecision.Day, 10),
            new(2010, 1, DatePrecision.Year, 5),
            new(2024, 6, DatePrecision.Month, 30),
            new(9999, 12, DatePrecision.Day, 1),
        ])!;

        Assert.Equal("year", chart.BinUnit);
        Assert.Empty(chart.YearBands);
        Assert.Equal([15, 30, 1], chart.Bins.Select(b => b.Count));
        Assert.All(chart.Bins, b => Assert.InRange(b.X + b.Width, 0, TopicTimelineChart.Width));
        Assert.Equal("8,671 claims", TextBlocks.ClaimCount(8671));
    }

    [Fact]
    public void Nothing_to_draw_is_no_chart()
    {
        Assert.Null(TopicTimelineChart.ForClaims([]));
        Assert.Null(TopicTimelineChart.ForCounts([new(2021, 1, DatePrecision.Day, 0)]));
    }
}
