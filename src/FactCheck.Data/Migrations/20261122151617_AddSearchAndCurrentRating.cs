using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSearchAndCurrentRating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentRating",
                table: "Claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_CurrentRating",
                table: "Claims",
                column: "CurrentRating");

            // Dates of claims, evidence and verdicts are complex-type columns, which the model cannot index yet.
            migrationBuilder.Sql("""CREATE INDEX "IX_Claims_SaidOn" ON "Claims" ("SaidOn");""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Evidence_FoundOn" ON "Evidence" ("FoundOn");""");

            // Full-text search (SQLite FTS5; see SqliteSearchIndex). Porter stemming so "pledges" finds
            // "pledge"; diacritics folded; 2- and 3-character prefix indexes make "amnes*" cheap.
            foreach (var (table, columns) in new[]
            {
                ("ClaimSearch", "Quote, Summary, Claimant"),
                ("EvidenceSearch", "Exact, Note, Organization"),
                ("SourceSearch", "Title, Publisher, Text"),
            })
            {
                migrationBuilder.Sql($"CREATE VIRTUAL TABLE {table} USING fts5({columns}, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');");
            }

            // Existing databases: fill the index and the current ratings from what is already there.
            migrationBuilder.Sql("""
                INSERT INTO ClaimSearch(rowid, Quote, Summary, Claimant)
                SELECT c."Id", c."Quote", c."Summary", p."Name" FROM "Claims" c JOIN "Claimants" p ON p."Id" = c."ClaimantId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO EvidenceSearch(rowid, Exact, Note, Organization)
                SELECT e."Id", g."Exact", e."Note", e."Organization" FROM "Evidence" e JOIN "Passages" g ON g."Id" = e."PassageId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO SourceSearch(rowid, Title, Publisher, Text) SELECT "Id", "Title", "Publisher", "Text" FROM "Sources";
                """);
            migrationBuilder.Sql("""
                UPDATE "Claims" SET "CurrentRating" = (
                    SELECT v."Rating" FROM "Verdicts" v WHERE v."ClaimId" = "Claims"."Id" AND v."Status" = 'Published'
                    ORDER BY v."AsOf" DESC, v."PublishedAtUtc" DESC, v."Id" DESC LIMIT 1);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE ClaimSearch;");
            migrationBuilder.Sql("DROP TABLE EvidenceSearch;");
            migrationBuilder.Sql("DROP TABLE SourceSearch;");
            migrationBuilder.Sql("""DROP INDEX "IX_Claims_SaidOn";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Evidence_FoundOn";""");

            migrationBuilder.DropIndex(
                name: "IX_Claims_CurrentRating",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "CurrentRating",
                table: "Claims");
        }
    }
}
