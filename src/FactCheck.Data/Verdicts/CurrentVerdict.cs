using System.Linq.Expressions;
using FactCheck.Data.Entities;

namespace FactCheck.Data.Verdicts;

/// <summary>
/// The one rule for which verdict is current: among a claim's Published verdicts, the newest by AsOf date,
/// then by PublishedAtUtc, then by Id, so that ties cannot flip between requests. Drafts and verdicts in
/// review are never current. The keys below say it once; the database ordering, the NOT EXISTS query and
/// the claims' stored rating are built from them, and the in-memory ordering follows the same keys (a test
/// holds it to the SQL forms on ties).
/// <para>
/// The AddSearchAndCurrentRating migration filled <see cref="Claim.CurrentRating"/> with this rule
/// written as SQL. Migrations are history and keep their own copy; change the rule here, and a migration
/// that changes it recomputes the column (<see cref="FactCheckDbContext.RefreshCurrentRatingsAsync"/>).
/// </para>
/// </summary>
public static class CurrentVerdict
{
    private static readonly Expression<Func<Verdict, DateOnly>> AsOfKey = v => v.AsOf.Date;
    private static readonly Expression<Func<Verdict, DateTime?>> PublishedAtKey = v => v.PublishedAtUtc;
    private static readonly Expression<Func<Verdict, int>> IdKey = v => v.Id;

    // The keys in the rule's order; each sorts newest (greatest) first.
    private static readonly LambdaExpression[] Keys = [AsOfKey, PublishedAtKey, IdKey];

    private static readonly Expression<Func<Verdict, bool>> IsPublished = v => v.Status == VerdictStatus.Published;

    /// <summary>The rule's order in the database: the current verdict first.</summary>
    public static IOrderedQueryable<Verdict> NewestFirst(this IQueryable<Verdict> verdicts) =>
        verdicts.OrderByDescending(AsOfKey).ThenByDescending(PublishedAtKey).ThenByDescending(IdKey);

    /// <summary>The rule's order in memory, for rows already loaded (projections carry the three keys).</summary>
    public static IOrderedEnumerable<T> NewestFirst<T>(IEnumerable<T> verdicts, Func<T, DateOnly> asOf, Func<T, DateTime?> publishedAtUtc, Func<T, int> id) =>
        verdicts.OrderByDescending(asOf).ThenByDescending(publishedAtUtc).ThenByDescending(id);

    /// <summary>
    /// The current verdict of each claim, one per claim that has one: published verdicts that no other
    /// published verdict of the same claim supersedes (a NOT EXISTS, which reads only the claim's verdicts,
    /// so "the latest N" stays an index walk).
    /// </summary>
    public static IQueryable<Verdict> Of(IQueryable<Verdict> verdicts) => verdicts.Where(IsCurrentAmong(verdicts));

    /// <summary>A claim's current rating, or null without a published verdict: what <see cref="Claim.CurrentRating"/> stores.</summary>
    public static Expression<Func<Claim, Rating?>> RatingOf { get; } = BuildOf<Rating?>(v => v.Rating);

    /// <summary>Who reached a claim's current verdict, or null without one: what <see cref="Claim.CurrentRatedBy"/> stores.</summary>
    public static Expression<Func<Claim, string?>> AuthorOf { get; } = BuildOf<string?>(v => v.Author);

    private static Expression<Func<Verdict, bool>> IsCurrentAmong(IQueryable<Verdict> verdicts)
    {
        var v = Expression.Parameter(typeof(Verdict), "v");
        var o = Expression.Parameter(typeof(Verdict), "o");

        // o supersedes v when it is greater on the first key where they differ.
        Expression supersedes = Expression.GreaterThan(Apply(Keys[^1], o), Apply(Keys[^1], v));
        for (var i = Keys.Length - 2; i >= 0; i--)
        {
            supersedes = Expression.OrElse(
                Expression.GreaterThan(Apply(Keys[i], o), Apply(Keys[i], v)),
                Expression.AndAlso(Expression.Equal(Apply(Keys[i], o), Apply(Keys[i], v)), supersedes));
        }

        var sameClaim = Expression.Equal(Expression.Property(o, nameof(Verdict.ClaimId)), Expression.Property(v, nameof(Verdict.ClaimId)));
        var rival = Expression.Lambda<Func<Verdict, bool>>(Expression.AndAlso(Expression.AndAlso(sameClaim, Apply(IsPublished, o)), supersedes), o);
        var anyRival = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Verdict)], verdicts.Expression, Expression.Quote(rival));
        return Expression.Lambda<Func<Verdict, bool>>(Expression.AndAlso(Apply(IsPublished, v), Expression.Not(anyRival)), v);
    }

    private static Expression<Func<Claim, T>> BuildOf<T>(Expression<Func<Verdict, T>> field)
    {
        // c => c.Verdicts.AsQueryable().Where(IsPublished).NewestFirst().Select(field).FirstOrDefault()
        var c = Expression.Parameter(typeof(Claim), "c");
        Expression query = Expression.Call(typeof(Queryable), nameof(Queryable.AsQueryable), [typeof(Verdict)], Expression.Property(c, nameof(Claim.Verdicts)));
        query = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(Verdict)], query, Expression.Quote(IsPublished));
        for (var i = 0; i < Keys.Length; i++)
        {
            var method = i == 0 ? nameof(Queryable.OrderByDescending) : nameof(Queryable.ThenByDescending);
            query = Expression.Call(typeof(Queryable), method, [typeof(Verdict), Keys[i].ReturnType], query, Expression.Quote(Keys[i]));
        }

        query = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Verdict), typeof(T)], query, Expression.Quote(field));
        query = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(T)], query);
        return Expression.Lambda<Func<Claim, T>>(query, c);
    }

    private static Expression Apply(LambdaExpression key, Expression argument) => new Substitution(key.Parameters[0], argument).Visit(key.Body);

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
