using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddVerdictPublishedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PublishedOn",
                table: "Verdicts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedOnPrecision",
                table: "Verdicts",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            // Data, which the tools do not generate. A verdict the desk published (it has an editor) was
            // published by this newsroom on the UTC day it went live here. An archive import's PublishedAtUtc
            // is the import's moment, not a publication date, so those stay null and readers see the as-of
            // date; a later seed import fills the dates the archive records (seeds/archive.json "published").
            // SQLite stores DateTime as "yyyy-MM-dd HH:mm:ss..." and DateOnly as "yyyy-MM-dd".
            migrationBuilder.Sql("""
                UPDATE "Verdicts"
                SET "PublishedOn" = substr("PublishedAtUtc", 1, 10), "PublishedOnPrecision" = 'Day'
                WHERE "Status" = 'Published' AND "PublishedAtUtc" IS NOT NULL
                  AND ("UpdatedBy" IS NOT NULL OR "SubmittedBy" IS NOT NULL);
                """);

            // The latest-verdicts order (ShownDate.NewestFirst), as an index EF Core cannot model: the
            // expression is the one EF generates for it, so "the latest 50" walks the index instead of
            // sorting every verdict. A test reads the query plan to keep the two in step.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Verdicts_ShownOn" ON "Verdicts" (
                    (CASE WHEN "PublishedOn" IS NOT NULL THEN "PublishedOn" ELSE "AsOf" END) DESC, "PublishedAtUtc" DESC, "Id" DESC);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Verdicts_ShownOn";""");

            migrationBuilder.DropColumn(
                name: "PublishedOn",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "PublishedOnPrecision",
                table: "Verdicts");
        }
    }
}
