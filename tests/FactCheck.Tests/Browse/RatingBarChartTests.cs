using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Browse;

namespace FactCheck.Tests.Browse;

public class RatingBarChartTests
{
    [Fact]
    public void Only_ratings_that_occur_are_drawn_in_scale_order()
    {
        var chart = RatingBarChart.Build(
        [
            new(null, 1),
            new(Rating.False, 2),
            new(Rating.True, 0),
            new(Rating.Misleading, 4),
            new(Rating.HalfTrue, 0),
        ]);

        Assert.Equal(["Misleading", "False", "Under review"], chart.Bars.Select(b => b.Row.Label));
        Assert.Equal(7, chart.Total);
        Assert.Equal(6, chart.Rated);
    }

    [Fact]
    public void Bars_scale_to_the_largest_count_and_never_vanish()
    {
        var chart = RatingBarChart.Build([new(Rating.Misleading, 1000), new(Rating.False, 500), new(Rating.True, 1)]);

        var track = RatingBarChart.Width - RatingBarChart.LabelWidth - RatingBarChart.CountWidth;
        var byLabel = chart.Bars.ToDictionary(b => b.Row.Label);
        Assert.Equal(track, byLabel["Misleading"].BarWidth, 1);
        Assert.Equal(track / 2, byLabel["False"].BarWidth, 1);
        Assert.Equal(RatingBarChart.MinBarWidth, byLabel["True"].BarWidth);
        Assert.All(chart.Bars, b => Assert.True(b.CountX + RatingBarChart.CountWidth - 6 <= RatingBarChart.Width + 0.01, "the count fits inside the picture"));
    }

    [Fact]
    public void Rows_stack_without_overlap_and_the_height_fits_them()
    {
        var chart = RatingBarChart.Build([new(Rating.True, 1), new(Rating.False, 1), new(null, 1)]);

        Assert.Equal([0, RatingBarChart.BarHeight + RatingBarChart.Gap, 2 * (RatingBarChart.BarHeight + RatingBarChart.Gap)], chart.Bars.Select(b => b.Y));
        Assert.Equal((3 * RatingBarChart.BarHeight) + (2 * RatingBarChart.Gap), chart.Height);
        Assert.Equal("0 0 360 82", chart.ViewBox);
    }

    [Fact]
    public void The_text_alternative_gives_every_number()
    {
        var chart = RatingBarChart.Build([new(Rating.Misleading, 1)]);

        Assert.Equal("Current ratings of Abdul Qahar Balki’s 1 claim", chart.Title("Abdul Qahar Balki"));
        Assert.Equal("Misleading: 1.", chart.Description);
        Assert.Equal("1 claim on the record, all rated.", chart.Summary);
    }

    [Fact]
    public void Summary_says_how_many_await_a_verdict()
    {
        Assert.Equal("3 claims on the record: 2 rated, 1 under review.", RatingBarChart.Build([new(Rating.False, 2), new(null, 1)]).Summary);
        Assert.Equal("2 claims on the record, none rated yet.", RatingBarChart.Build([new(null, 2)]).Summary);
        Assert.True(RatingBarChart.Build([new(Rating.True, 0)]).IsEmpty);
    }
}
