using System.Globalization;
using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Browse;

/// <summary>
/// Reads a date typed into a filter as the archive records dates: a year, a month or a day. ISO forms
/// ("2021", "2021-12", "2021-12-05") are what the site writes into URLs; the written forms the site shows
/// ("December 2021", "5 December 2021") are accepted too, so a reader can paste back what a page says.
/// </summary>
public static class FilterDates
{
    private static readonly string[] MonthFormats = ["MMMM yyyy", "MMM yyyy"];

    private static readonly string[] DayFormats = ["d MMMM yyyy", "d MMM yyyy", "MMMM d yyyy", "MMMM d, yyyy", "MMM d, yyyy", "MMM d yyyy"];

    /// <summary>The hint shown under the "from" field; it states the semantics <see cref="ClaimFilter"/> applies.</summary>
    public const string FromHint = "A year, month or day: 2021, 2021-12, December 2021 or 5 December 2021. Counts from the first day of that period.";

    /// <summary>The hint shown under the "until" field.</summary>
    public const string ToHint = "A year, month or day. Runs to the last day of that period, so 2021 includes December 2021.";

    public static bool TryParse(string? text, out ReportedDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (ReportedDate.TryParse(trimmed, out date))
        {
            return true;
        }

        // Invariant culture: the site is written in English, and a server's locale must not change what a URL means.
        var culture = CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(trimmed, DayFormats, culture, DateTimeStyles.None, out var day))
        {
            date = ReportedDate.Day(day.Year, day.Month, day.Day);
            return true;
        }

        if (DateTime.TryParseExact(trimmed, MonthFormats, culture, DateTimeStyles.None, out var month))
        {
            date = ReportedDate.Month(month.Year, month.Month);
            return true;
        }

        return false;
    }
}
