using System.Globalization;

namespace FactCheck.Data.Entities;

/// <summary>How much of a date the record actually knows; some documents give only a month or a year.</summary>
public enum DatePrecision
{
    Day = 0,
    Month = 1,
    Year = 2,
}

/// <summary>
/// A date as far as it is known. <see cref="Date"/> is the first day of the known period, so that
/// sorting puts "May 2018" before "18 May 2018"'s later neighbours and the page never invents a day.
/// </summary>
public readonly record struct ReportedDate(DateOnly Date, DatePrecision Precision)
{
    public static ReportedDate Day(int year, int month, int day) => new(new DateOnly(year, month, day), DatePrecision.Day);

    public static ReportedDate Month(int year, int month) => new(new DateOnly(year, month, 1), DatePrecision.Month);

    public static ReportedDate Year(int year) => new(new DateOnly(year, 1, 1), DatePrecision.Year);

    /// <summary>Parses a date already known to be valid; see <see cref="TryParse"/>.</summary>
    public static ReportedDate Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not YYYY, YYYY-MM or YYYY-MM-DD.");

    /// <summary>Parses "2021-12-05", "2021-12" or "2021", keeping the precision the text gives.</summary>
    public static bool TryParse(string? text, out ReportedDate value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('-');
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        try
        {
            value = numbers.Length switch
            {
                3 => Day(numbers[0], numbers[1], numbers[2]),
                2 => Month(numbers[0], numbers[1]),
                1 => Year(numbers[0]),
                _ => default,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        return numbers.Length is >= 1 and <= 3;
    }

    /// <summary>
    /// The last day of the period the date names: when the event was certainly on the record. Built from
    /// the year and month, never by adding a month, which overflows for December 9999.
    /// </summary>
    public DateOnly LastDay => Precision switch
    {
        DatePrecision.Year => new DateOnly(Date.Year, 12, 31),
        DatePrecision.Month => new DateOnly(Date.Year, Date.Month, DateTime.DaysInMonth(Date.Year, Date.Month)),
        _ => Date,
    };

    /// <summary>ISO 8601 to the known precision: "2021-12-05", "2021-12" or "2021".</summary>
    public string ToIsoString() => Precision switch
    {
        DatePrecision.Day => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DatePrecision.Month => Date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Date.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>Reader-facing form: "5 December 2021", "December 2021" or "2021".</summary>
    public string ToDisplayString() => Precision switch
    {
        DatePrecision.Day => Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => Date.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => Date.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    public override string ToString() => ToIsoString();
}
