using FactCheck.Data.Entities;

namespace FactCheck.Tests.Entities;

/// <summary>
/// Dates as far as the record knows them: the archive gives some only to the month or the year, and
/// a page must never show a day that no document gave.
/// </summary>
public sealed class ReportedDateTests
{
    [Theory]
    [InlineData("2021-12-05", 2021, 12, 5, DatePrecision.Day)]
    [InlineData("2021-12", 2021, 12, 1, DatePrecision.Month)]
    [InlineData("2021", 2021, 1, 1, DatePrecision.Year)]
    [InlineData(" 2018-05 ", 2018, 5, 1, DatePrecision.Month)]
    [InlineData("9999-12-31", 9999, 12, 31, DatePrecision.Day)]
    public void Parsing_keeps_the_precision_the_text_gives(string text, int year, int month, int day, DatePrecision precision)
    {
        Assert.True(ReportedDate.TryParse(text, out var date));

        Assert.Equal(new ReportedDate(new DateOnly(year, month, day), precision), date);
        Assert.Equal(date, ReportedDate.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2021-13")]
    [InlineData("2021-00")]
    [InlineData("2021-02-29")]
    [InlineData("2021-04-31")]
    [InlineData("0")]
    [InlineData("10000")]
    [InlineData("2021-12-05-01")]
    [InlineData("2021-")]
    [InlineData("-2021")]
    [InlineData("+2021")]
    [InlineData("2021/12/05")]
    [InlineData("05.12.2021")]
    [InlineData("December 2021")]
    [InlineData("2021 - 12")]
    public void Anything_else_is_not_a_date(string? text)
    {
        Assert.False(ReportedDate.TryParse(text, out var date));
        Assert.Equal(default, date);
    }

    [Fact]
    public void Parse_names_the_text_it_refuses()
    {
        var error = Assert.Throws<FormatException>(() => ReportedDate.Parse("2021-13"));

        Assert.Contains("'2021-13'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021-12-05", "2021-12-05")]
    [InlineData("2021-12", "2021-12-31")]
    [InlineData("2024-02", "2024-02-29")]
    [InlineData("2023-02", "2023-02-28")]
    [InlineData("2021-04", "2021-04-30")]
    [InlineData("2021", "2021-12-31")]
    [InlineData("9999-12", "9999-12-31")]
    [InlineData("9999", "9999-12-31")]
    public void The_last_day_is_the_end_of_the_known_period(string text, string lastDay)
    {
        Assert.Equal(DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture), ReportedDate.Parse(text).LastDay);
    }

    [Theory]
    [InlineData("2021-12-05", "2021-12-05", "5 December 2021")]
    [InlineData("2021-12", "2021-12", "December 2021")]
    [InlineData("2021", "2021", "2021")]
    [InlineData("0987-03-09", "0987-03-09", "9 March 0987")]
    public void Dates_are_written_to_their_precision_and_never_invent_a_day(string text, string iso, string display)
    {
        var date = ReportedDate.Parse(text);

        Assert.Equal(iso, date.ToIsoString());
        Assert.Equal(iso, date.ToString());
        Assert.Equal(display, date.ToDisplayString());
    }

    [Fact]
    public void The_factories_build_the_first_day_of_the_period()
    {
        Assert.Equal(new ReportedDate(new DateOnly(2021, 12, 5), DatePrecision.Day), ReportedDate.Day(2021, 12, 5));
        Assert.Equal(new ReportedDate(new DateOnly(2021, 12, 1), DatePrecision.Month), ReportedDate.Month(2021, 12));
        Assert.Equal(new ReportedDate(new DateOnly(2021, 1, 1), DatePrecision.Year), ReportedDate.Year(2021));
    }
}
