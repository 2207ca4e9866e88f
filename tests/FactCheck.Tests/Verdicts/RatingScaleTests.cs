using FactCheck.Data.Verdicts;

namespace FactCheck.Tests.Verdicts;

/// <summary>
/// The scale is public: its labels are on every page and its values go out in ClaimReview markup,
/// so a reordering or a renamed slug silently changes what search engines and readers are told.
/// </summary>
public class RatingScaleTests
{
    [Fact]
    public void Scale_runs_from_true_to_false_then_unproven()
    {
        Rating[] expected =
        [
            Rating.True, Rating.MostlyTrue, Rating.HalfTrue, Rating.Misleading,
            Rating.MostlyFalse, Rating.False, Rating.Unproven,
        ];

        Assert.Equal(expected, RatingScale.All.Select(r => r.Rating));
    }

    [Fact]
    public void Every_rating_is_on_the_scale_exactly_once()
    {
        Assert.Equal(
            Enum.GetValues<Rating>().OrderBy(r => r),
            RatingScale.All.Select(r => r.Rating).OrderBy(r => r));
    }

    [Fact]
    public void Slugs_are_unique_lowercase_and_url_safe()
    {
        var slugs = RatingScale.All.Select(r => r.Slug).ToList();

        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(slugs, slug => Assert.Matches("^[a-z]+(-[a-z]+)*$", slug));
    }

    [Theory]
    [InlineData(Rating.True, "True", "true", 6)]
    [InlineData(Rating.MostlyTrue, "Mostly true", "mostly-true", 5)]
    [InlineData(Rating.HalfTrue, "Half true", "half-true", 4)]
    [InlineData(Rating.Misleading, "Misleading", "misleading", 3)]
    [InlineData(Rating.MostlyFalse, "Mostly false", "mostly-false", 2)]
    [InlineData(Rating.False, "False", "false", 1)]
    public void Truth_ratings_have_their_label_slug_and_value(Rating rating, string label, string slug, int value)
    {
        var info = RatingScale.Get(rating);

        Assert.Equal(label, info.Label);
        Assert.Equal(slug, info.Slug);
        Assert.Equal(value, info.Value);
        Assert.Equal(value, RatingScale.ClaimReviewValue(rating));
        Assert.False(string.IsNullOrWhiteSpace(info.Meaning));
    }

    [Fact]
    public void Values_descend_from_best_to_worst()
    {
        var values = RatingScale.All.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();

        Assert.Equal([6, 5, 4, 3, 2, 1], values);
        Assert.Equal(RatingScale.BestValue, values[0]);
        Assert.Equal(RatingScale.WorstValue, values[^1]);
    }

    [Fact]
    public void Unproven_is_off_the_truth_scale()
    {
        var info = RatingScale.Get(Rating.Unproven);

        Assert.Equal("Unproven", info.Label);
        Assert.Equal("unproven", info.Slug);
        Assert.Null(info.Value);
        Assert.Equal("The evidence available does not allow a rating yet.", info.Meaning);
        Assert.Equal(-1, RatingScale.ClaimReviewValue(Rating.Unproven));
        Assert.Equal(-1, RatingScale.NotRateableValue);
    }

    [Fact]
    public void Every_slug_parses_back_to_its_rating()
    {
        Assert.All(RatingScale.All, info =>
        {
            Assert.True(RatingScale.TryParseSlug(info.Slug, out var parsed));
            Assert.Equal(info.Rating, parsed);
        });
    }

    [Theory]
    [InlineData("MOSTLY-TRUE", Rating.MostlyTrue)]
    [InlineData(" misleading ", Rating.Misleading)]
    public void Slug_parsing_forgives_case_and_surrounding_spaces(string slug, Rating expected)
    {
        Assert.True(RatingScale.TryParseSlug(slug, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pants-on-fire")]
    [InlineData("3")]
    [InlineData("mostly true")]
    public void Unknown_slugs_do_not_parse(string? slug)
    {
        Assert.False(RatingScale.TryParseSlug(slug, out _));
    }
}
