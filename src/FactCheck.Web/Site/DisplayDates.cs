using FactCheck.Data.Entities;

namespace FactCheck.Web.Site;

public static class DisplayDates
{
    /// <summary>"2021-12-09": the same form as a day-precision <see cref="ReportedDate"/>.</summary>
    public static string Iso(DateOnly date) => new ReportedDate(date, DatePrecision.Day).ToIsoString();

    /// <summary>"9 December 2021": a known day as readers are shown dates.</summary>
    public static string Day(DateOnly date) => new ReportedDate(date, DatePrecision.Day).ToDisplayString();

    /// <summary>
    /// The preposition a date takes in a sentence at its precision: "on 5 December 2021", but "in May 2018"
    /// and "in 2018", since the archive often knows only the month or the year ("Said on 2018" is wrong).
    /// </summary>
    public static string Preposition(ReportedDate date) => date.Precision == DatePrecision.Day ? "on" : "in";

    /// <summary>The date with its preposition: "on 5 December 2021", "in May 2018", "in 2018".</summary>
    public static string OnOrIn(ReportedDate date) => $"{Preposition(date)} {date.ToDisplayString()}";
}
