using System.Linq.Expressions;
using FactCheck.Data.Entities;

namespace FactCheck.Data.Verdicts;

/// <summary>
/// The date a reader is shown for a verdict, and the one order of "latest verdicts" built on it (home page,
/// feeds, corrections). A reader sees the verdict's publication date when it is known
/// (<see cref="Verdict.PublishedOn"/>), its as-of date otherwise, so the order must follow that same date:
/// ordering by <see cref="Verdict.PublishedAtUtc"/> put a whole archive in import order, which reads as
/// "15 Aug 2021, May 2018, Dec 2021" down the page.
/// </summary>
/// <param name="Date">The date shown, to the precision known.</param>
/// <param name="IsPublication">True for a publication date ("Published December 2021"), false for an as-of date ("As of 15 August 2021").</param>
public readonly record struct ShownDate(ReportedDate Date, bool IsPublication)
{
    public static ShownDate Of(ReportedDate? publishedOn, ReportedDate asOf) =>
        publishedOn is { } published ? new(published, true) : new(asOf, false);

    /// <summary>"Published December 2021" or "As of 15 August 2021".</summary>
    public string Label => (IsPublication ? "Published " : "As of ") + Date.ToDisplayString();

    /// <summary>
    /// The first instant of the period the date names, in UTC: "2021-12" is 2021-12-01T00:00:00Z. A feed or a
    /// machine-readable date needs an instant; the start of the period is the one choice that never places an
    /// event later than it can have happened (the end would put a December publication after a reader's
    /// 5 December visit), and it agrees with <see cref="ReportedDate"/>'s sort order.
    /// </summary>
    public DateTimeOffset FirstInstantUtc => new(Date.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    // The sort key in SQL: the publication date where known, else the as-of date. Both are the first day of
    // their period, so "December 2021" sorts before "5 December 2021", as ReportedDate's own order does.
    private static readonly Expression<Func<Verdict, DateOnly>> DateKey =
        v => v.PublishedOn.HasValue ? v.PublishedOn.Value.Date : v.AsOf.Date;

    /// <summary>
    /// Newest shown date first, then PublishedAtUtc (of two verdicts shown on the same date, the later to go
    /// live here first), then Id, so ties cannot flip between requests.
    /// </summary>
    public static IOrderedQueryable<Verdict> NewestFirst(IQueryable<Verdict> verdicts) =>
        verdicts.OrderByDescending(DateKey).ThenByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id);

    /// <summary>The same order in memory, for rows already loaded.</summary>
    public static IOrderedEnumerable<T> NewestFirst<T>(IEnumerable<T> verdicts, Func<T, ShownDate> shown, Func<T, DateTime?> publishedAtUtc, Func<T, int> id) =>
        verdicts.OrderByDescending(v => shown(v).Date.Date).ThenByDescending(publishedAtUtc).ThenByDescending(id);
}
