using FactCheck.Web.Features.Browse;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace FactCheck.Tests.Browse;

public class FilterDatesTests
{
    [Theory]
    [InlineData("2021", "2021")]
    [InlineData("2021-12", "2021-12")]
    [InlineData("2021-12-05", "2021-12-05")]
    [InlineData("December 2021", "2021-12")]
    [InlineData("dec 2021", "2021-12")]
    [InlineData("5 December 2021", "2021-12-05")]
    [InlineData(" 5  december  2021 ", "2021-12-05")]
    [InlineData("December 5, 2021", "2021-12-05")]
    public void Reads_a_year_a_month_or_a_day_keeping_its_precision(string text, string iso)
    {
        Assert.True(FilterDates.TryParse(text, out var date));
        Assert.Equal(iso, date.ToIsoString());
    }

    [Theory]
    [InlineData("last tuesday")]
    [InlineData("2021-13")]
    [InlineData("2021-02-30")]
    [InlineData("31 Smarch 2021")]
    [InlineData("12/05/2021")]
    [InlineData("0")]
    [InlineData("")]
    public void Rejects_what_is_not_a_date(string text) => Assert.False(FilterDates.TryParse(text, out _));

    [Fact]
    public void From_starts_a_period_and_to_ends_it()
    {
        var filter = ClaimFilter.Parse(Query(("from", "2021"), ("to", "December 2021")));

        Assert.Equal(new DateOnly(2021, 1, 1), filter.From);
        Assert.Equal(new DateOnly(2021, 12, 31), filter.To);
        Assert.Equal("2021-12", filter.ToText);
        Assert.Empty(filter.Errors);
        Assert.Equal(2, filter.ActiveCount);
        Assert.Equal("/claims?from=2021&to=2021-12", filter.ToQueryString("/claims"));
        Assert.Equal(new DateOnly(2021, 12, 31), filter.ToSearchFilter().To);
    }

    [Fact]
    public void A_bad_date_is_kept_for_the_form_but_not_applied()
    {
        var filter = ClaimFilter.Parse(Query(("from", "someday")));

        Assert.Null(filter.From);
        Assert.Equal("someday", filter.FromText);
        Assert.Contains("not a date", filter.Errors["from"], StringComparison.Ordinal);
        Assert.Equal("/claims", filter.ToQueryString("/claims"));
    }

    [Fact]
    public void A_long_bad_date_is_echoed_cut_after_a_whole_word()
    {
        var filter = ClaimFilter.Parse(Query(("to", "sometime around the opening of the negotiations")));

        Assert.Equal("“sometime around the opening of the…” is not a date. Use a year (2021), a month (2021-12) or a day (2021-12-05).", filter.Errors["to"]);
    }

    private static QueryCollection Query(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => new StringValues(v.Value)));
}
