using Bunit;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Components.Shared;

namespace FactCheck.Tests.Components;

public class RatingBadgeTests : BunitContext
{
    public static TheoryData<Rating> AllRatings => new(Enum.GetValues<Rating>());

    [Theory]
    [MemberData(nameof(AllRatings))]
    public void Badge_writes_the_label_out_and_explains_it(Rating rating)
    {
        var info = RatingScale.Get(rating);

        var badge = Render<RatingBadge>(ps => ps.Add(p => p.Rating, rating)).Find("span.rating");

        Assert.Equal(info.Label, badge.TextContent.Trim());
        Assert.Equal(info.Meaning, badge.GetAttribute("title"));
        Assert.Contains($"rating--{info.Slug}", badge.ClassList);
    }

    [Theory]
    [MemberData(nameof(AllRatings))]
    public void Badge_glyph_is_decoration_a_screen_reader_skips(Rating rating)
    {
        var glyph = Render<RatingBadge>(ps => ps.Add(p => p.Rating, rating)).Find("span.rating svg");

        Assert.Equal("true", glyph.GetAttribute("aria-hidden"));
        Assert.Equal("false", glyph.GetAttribute("focusable"));
        Assert.NotEmpty(glyph.Children);
    }

    [Fact]
    public void Every_rating_has_a_shape_of_its_own_not_only_a_colour()
    {
        // WCAG 1.4.1: a reader who cannot tell the colours apart (Mostly false and False above all) tells the shapes apart.
        var shapes = Enum.GetValues<Rating>().Cast<Rating?>().Append(null)
            .Select(r => Render<RatingBadge>(ps => ps.Add(p => p.Rating, r)).Find("svg").InnerHtml)
            .ToList();

        Assert.Equal(shapes.Count, shapes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_rating_reads_under_review()
    {
        var badge = Render<RatingBadge>(ps => ps.Add(p => p.Rating, null)).Find("span.rating");

        Assert.Equal("Under review", badge.TextContent.Trim());
        Assert.Contains("rating--under-review", badge.ClassList);
    }
}
