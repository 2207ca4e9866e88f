namespace FactCheck.Data.Search;

/// <summary>
/// What each provider's index holds, as SELECTs both SQLite and PostgreSQL run: (id, then the searchable
/// columns in index order). Each ends in a WHERE clause, so a condition on ids can follow.
/// </summary>
internal static class SearchIndexRows
{
    // Parameter lists are built from ints only, never from user text.
    // Published claims only, and only their evidence: a retracted or merged claim must not be found by
    // search or offered as a similar claim (the EF model's "Published" filter, in SQL).
    public const string Claims = """
        SELECT c."Id", c."Quote", c."Summary", p."Name" FROM "Claims" c JOIN "Claimants" p ON p."Id" = c."ClaimantId"
        WHERE c."RetractedAtUtc" IS NULL AND c."MergedIntoId" IS NULL
        """;

    public const string Evidence = """
        SELECT e."Id", g."Exact", e."Note", e."Organization" FROM "Evidence" e JOIN "Passages" g ON g."Id" = e."PassageId"
        JOIN "Claims" ec ON ec."Id" = e."ClaimId"
        WHERE ec."RetractedAtUtc" IS NULL AND ec."MergedIntoId" IS NULL
        """;

    public const string Sources = """
        SELECT s."Id", s."Title", s."Publisher", s."Text" FROM "Sources" s WHERE TRUE
        """;
}
