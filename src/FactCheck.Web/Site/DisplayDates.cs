using FactCheck.Data.Entities;

namespace FactCheck.Web.Site;

public static class DisplayDates
{
    /// <summary>"2021-12-09": the same form as a day-precision <see cref="ReportedDate"/>.</summary>
    public static string Iso(DateOnly date) => new ReportedDate(date, DatePrecision.Day).ToIsoString();
}
