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

    [Fact]
    public void No_rating_reads_under_review()
    {
        var badge = Render<RatingBadge>(ps => ps.Add(p => p.Rating, null)).Find("span.rating");

        Assert.Equal("Under review", badge.TextContent.Trim());
        Assert.Contains("rating--under-review", badge.ClassList);
    }
}
