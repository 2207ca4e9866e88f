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
    /// The order of "latest verdicts" (home page, feeds, corrections): newest reader-visible date first
    /// (<see cref="ShownDate"/>: the publication date where known, else the as-of date), then PublishedAtUtc,
    /// then Id. The date a reader sees and the order the list is in must agree; ordering by PublishedAtUtc
    /// alone put an imported archive in import order.
    /// </summary>
    public static IOrderedQueryable<Verdict> NewestPublishedFirst(this IQueryable<Verdict> verdicts) =>
        ShownDate.NewestFirst(verdicts);
}
