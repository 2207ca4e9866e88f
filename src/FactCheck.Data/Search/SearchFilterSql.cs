using System.Text;

namespace FactCheck.Data.Search;

/// <summary>
/// The /claims filter as SQL joins and conditions for either provider's index, so that both honour exactly the
/// same conditions (SearchFilterConsistencyTests holds /search to /claims). Only the parameter prefix, the
/// expression naming an index row's id and how a date is bound differ between SQLite and PostgreSQL.
/// Reader values only ever become bound parameters. The conditions are the /claims filter's (ClaimFilter.Apply in
/// the web project, which EF Core translates). Topic and document conditions are uncorrelated IN lists that start
/// from the join table's and the passages' indexes: as EXISTS tests against every claim they took 0.15 s and
/// 3.8 s at 100,000 claims on SQLite.
/// </summary>
internal static class SearchFilterSql
{
    /// <param name="rowId">The SQL naming the matched index row's id (SQLite: <c>ClaimSearch.rowid</c>; PostgreSQL: <c>s."Id"</c>).</param>
    /// <param name="prefix">The provider's parameter prefix: '$' for SQLite, '@' for PostgreSQL.</param>
    /// <param name="date">A date as the provider compares it with the SaidOn column.</param>
    public static (string Joins, string Conditions, List<(string Name, object Value)> Parameters) Build(
        SearchKind kind, SearchFilter filter, string rowId, char prefix, Func<DateOnly, object> date)
    {
        var parameters = new List<(string, object)>();
        string P(string name) => prefix + name;
        if (kind == SearchKind.Documents)
        {
            if (filter.SourceId is { } documentId)
            {
                parameters.Add((P("source"), documentId));
                return ("", $"AND {rowId} = {P("source")}", parameters);
            }

            return ("", "", parameters);
        }

        if (!filter.HasClaimConditions)
        {
            return ("", "", parameters);
        }

        var joins = kind == SearchKind.Claims
            ? $"""JOIN "Claims" c ON c."Id" = {rowId} """
            : $"""JOIN "Evidence" ev ON ev."Id" = {rowId} JOIN "Claims" c ON c."Id" = ev."ClaimId" """;
        var conditions = new StringBuilder();
        if (filter.Rating is { } rating)
        {
            parameters.Add((P("rating"), (int)rating));
            conditions.Append($""" AND c."CurrentRating" = {P("rating")}""");
        }

        if (filter.ClaimantSlug is { } claimant)
        {
            parameters.Add((P("claimant"), claimant));
            conditions.Append($""" AND c."ClaimantId" = (SELECT p."Id" FROM "Claimants" p WHERE p."Slug" = {P("claimant")})""");
        }

        if (filter.TopicSlug is { } topic)
        {
            parameters.Add((P("topic"), topic));
            conditions.Append($""" AND c."Id" IN (SELECT ct."ClaimsId" FROM "Topics" t JOIN "ClaimTopics" ct ON ct."TopicsId" = t."Id" WHERE t."Slug" = {P("topic")})""");
        }

        if (filter.From is { } from)
        {
            parameters.Add((P("from"), date(from)));
            conditions.Append($""" AND c."SaidOn" >= {P("from")}""");
        }

        if (filter.To is { } to)
        {
            parameters.Add((P("to"), date(to)));
            conditions.Append($""" AND c."SaidOn" <= {P("to")}""");
        }

        if (filter.SourceId is { } sourceId)
        {
            parameters.Add((P("source"), sourceId));
            conditions.Append($"""
                 AND c."Id" IN (SELECT e2."ClaimId" FROM "Passages" pe JOIN "Evidence" e2 ON e2."PassageId" = pe."Id" WHERE pe."SourceId" = {P("source")}
                                UNION SELECT a."ClaimId" FROM "Passages" pa JOIN "ClaimAppearances" a ON a."PassageId" = pa."Id" WHERE pa."SourceId" = {P("source")})
                """);
        }

        return (joins, conditions.ToString(), parameters);
    }
}
