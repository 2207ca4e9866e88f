using System.Text;

namespace FactCheck.Data.Search;

/// <summary>
/// The /claims filter as SQL joins and conditions for either provider's index, so that both honour exactly the
/// same conditions (SearchFilterConsistencyTests holds /search to /claims). Only the parameter prefix, the
/// expression naming an index row's id and how a date is bound differ between SQLite and PostgreSQL.
/// Reader values only ever become bound parameters. The conditions are the /claims filter's (ClaimFilter.Apply in
/// the web project, which EF Core translates). The document condition is an uncorrelated IN list that starts from
/// the passages' index (as an EXISTS test against every claim it took 3.8 s at 100,000 claims on SQLite); the topic
/// condition probes the join table's key for each match (as an IN list it read the whole topic first).
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

        // The claim's own row is joined only for conditions on its columns: a topic or a document is tested from
        // the claim's id, so "amnesty" within a topic reads no claim row, only one key of ClaimTopics per match.
        var needsClaimRow = filter.Rating is not null || filter.ClaimantSlug is not null || filter.From is not null || filter.To is not null;
        var claimId = kind == SearchKind.Claims ? rowId : "ev.\"ClaimId\"";
        // SQLite reads the evidence's claim from a narrow index rather than the row; left to itself it takes the rowid
        // lookup, which reads the whole row. PostgreSQL plans this join its own way.
        var evidenceIndex = prefix == '$' ? $""" INDEXED BY "{Configurations.EvidenceEntityTypeConfiguration.EvidenceClaimIndex}" """ : " ";
        var joins = (kind == SearchKind.Claims ? "" : $"""JOIN "Evidence" ev{evidenceIndex}ON ev."Id" = {rowId} """)
            + (needsClaimRow ? $"""JOIN "Claims" c ON c."Id" = {claimId} """ : "");
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
            // A probe of the join table's primary key (ClaimsId, TopicsId) per match; an IN list of the topic's
            // claims would first read all of them (8,671 in the benchmark archive's largest topic).
            parameters.Add((P("topic"), topic));
            conditions.Append($""" AND EXISTS (SELECT 1 FROM "ClaimTopics" ct WHERE ct."ClaimsId" = {claimId} AND ct."TopicsId" = (SELECT t."Id" FROM "Topics" t WHERE t."Slug" = {P("topic")}))""");
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
                 AND {claimId} IN (SELECT e2."ClaimId" FROM "Passages" pe JOIN "Evidence" e2 ON e2."PassageId" = pe."Id" WHERE pe."SourceId" = {P("source")}
                                UNION SELECT a."ClaimId" FROM "Passages" pa JOIN "ClaimAppearances" a ON a."PassageId" = pa."Id" WHERE pa."SourceId" = {P("source")})
                """);
        }

        return (joins, conditions.ToString(), parameters);
    }
}
