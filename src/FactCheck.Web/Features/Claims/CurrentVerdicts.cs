using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// The pages' entry to the current-verdict rule, which lives once in the data library
/// (<see cref="CurrentVerdict"/>): the newest Published verdict by AsOf, then PublishedAtUtc, then Id.
/// </summary>
public static class CurrentVerdicts
{
    public static IEnumerable<T> NewestFirst<T>(IEnumerable<T> verdicts, Func<T, DateOnly> asOf, Func<T, DateTime?> publishedAtUtc, Func<T, int> id) =>
        CurrentVerdict.NewestFirst(verdicts, asOf, publishedAtUtc, id);

    /// <summary>Published verdicts that no other published verdict of the same claim supersedes; one per claim.</summary>
    public static IQueryable<Verdict> Query(FactCheckDbContext db) => CurrentVerdict.Of(db.Verdicts);

    /// <summary>
    /// Newest publication first, then id: the order of the home page's latest verdicts and of the feed.
    /// Both keys follow the PublishedAtUtc index, so "the latest N" reads N rows; putting the as-of date
    /// between them made SQLite sort every verdict (300 ms at 130,000 verdicts).
    /// </summary>
    public static IOrderedQueryable<Verdict> NewestPublishedFirst(this IQueryable<Verdict> verdicts) =>
        verdicts.OrderByDescending(v => v.PublishedAtUtc).ThenByDescending(v => v.Id);
}
