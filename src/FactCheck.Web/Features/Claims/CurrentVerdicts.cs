using FactCheck.Data;
using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// The one rule for which verdict is current: the newest Published verdict by AsOf, then PublishedAtUtc
/// (then Id, so ties cannot flip between requests). Drafts and verdicts in review are never shown.
/// </summary>
public static class CurrentVerdicts
{
    public static IEnumerable<T> NewestFirst<T>(IEnumerable<T> verdicts, Func<T, DateOnly> asOf, Func<T, DateTime?> publishedAtUtc, Func<T, int> id) =>
        verdicts.OrderByDescending(asOf).ThenByDescending(publishedAtUtc).ThenByDescending(id);

    /// <summary>Published verdicts that no other published verdict of the same claim supersedes; one per claim.</summary>
    public static IQueryable<Verdict> Query(FactCheckDbContext db) =>
        db.Verdicts.Where(v => v.Status == VerdictStatus.Published
            && !db.Verdicts.Any(o => o.ClaimId == v.ClaimId
                && o.Status == VerdictStatus.Published
                && (o.AsOf.Date > v.AsOf.Date
                    || (o.AsOf.Date == v.AsOf.Date && (o.PublishedAtUtc > v.PublishedAtUtc
                        || (o.PublishedAtUtc == v.PublishedAtUtc && o.Id > v.Id))))));

    /// <summary>
    /// Newest publication first, then id: the order of the home page's latest verdicts and of the feed.
    /// Both keys follow the PublishedAtUtc index, so "the latest N" reads N rows; putting the as-of date
    /// between them made SQLite sort every verdict (300 ms at 130,000 verdicts).
    /// </summary>
    public static IOrderedQueryable<Verdict> NewestPublishedFirst(this IQueryable<Verdict> verdicts) =>
        verdicts.OrderByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id);
}
