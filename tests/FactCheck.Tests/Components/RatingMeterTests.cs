using Bunit;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Components.Shared;
using FactCheck.Web.Site;

namespace FactCheck.Tests.Components;

public class RatingMeterTests : BunitContext
{
    public static TheoryData<Rating> AllRatings => new(Enum.GetValues<Rating>());

    [Theory]
    [MemberData(nameof(AllRatings))]
    public void Meter_is_one_image_named_by_its_rating_in_words(Rating rating)
    {
        var svg = Render<RatingMeter>(ps => ps.Add(p => p.Rating, rating)).Find("svg");

        Assert.Equal("img", svg.GetAttribute("role"));
        var name = svg.GetAttribute("aria-label") ?? "";
        Assert.StartsWith($"Rated {RatingScale.Get(rating).Label}:", name, StringComparison.Ordinal);
        Assert.Equal(name, svg.QuerySelector("title")?.TextContent);
    }

    [Theory]
    [MemberData(nameof(AllRatings))]
    public void Meter_marks_the_one_box_of_its_rating(Rating rating)
    {
        var svg = Render<RatingMeter>(ps => ps.Add(p => p.Rating, rating)).Find("svg");

        var current = Assert.Single(svg.QuerySelectorAll(".meter__step--current"));
        Assert.Contains($"meter__step--{RatingScale.Get(rating).Slug}", current.ClassList);
        Assert.Equal(RatingScale.All.Count, svg.QuerySelectorAll(".meter__step").Length);
    }

    [Fact]
    public void Misleading_is_the_fourth_step_from_true()
    {
        var meter = RatingMeterGeometry.For(Rating.Misleading);

        Assert.Equal("Rated Misleading: step 4 of 6 on the scale from True to False.", meter.Description);
        Assert.Equal("True", meter.Scale[0].Info.Label);
        Assert.Equal("False", meter.Scale[^1].Info.Label);
    }

    [Fact]
    public void The_scale_runs_left_to_right_from_true_to_false_with_unproven_apart_at_the_end()
    {
        var meter = RatingMeterGeometry.For(Rating.True);

        Assert.Equal(
            [Rating.True, Rating.MostlyTrue, Rating.HalfTrue, Rating.Misleading, Rating.MostlyFalse, Rating.False],
            meter.Scale.Select(s => s.Info.Rating));
        Assert.True(meter.Scale.Zip(meter.Scale.Skip(1)).All(p => p.First.X + p.First.Width < p.Second.X));
        Assert.True(meter.OffScale.X > meter.ScaleEnd, "Unproven must sit apart from the truth scale");
        Assert.True(meter.OffScale.X + meter.OffScale.Width <= RatingMeterGeometry.Width);
    }

    [Fact]
    public void Unproven_says_it_is_off_the_scale()
    {
        var meter = RatingMeterGeometry.For(Rating.Unproven);

        Assert.StartsWith("Rated Unproven: off the scale from True to False.", meter.Description, StringComparison.Ordinal);
        Assert.Same(meter.OffScale, meter.Current);
    }
}
