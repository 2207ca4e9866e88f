using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequirePublishedVerdictDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddCheckConstraint(
                name: "CK_Verdicts_PublishedHasDate",
                table: "Verdicts",
                sql: "\"Status\" <> 'Published' OR \"PublishedAtUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Verdicts_PublishedHasDate",
                table: "Verdicts");
        }
    }
}
