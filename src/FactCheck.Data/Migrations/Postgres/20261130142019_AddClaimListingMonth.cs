using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddClaimListingMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SaidMonth",
                table: "ClaimListings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing listings get their month here; ClaimListingWriter writes it from now on.
            migrationBuilder.Sql("""
                UPDATE "ClaimListings" SET "SaidMonth" = CAST(date_part('year', "SaidOn") AS integer) * 100 + CAST(date_part('month', "SaidOn") AS integer);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ClaimListings_TopicId_SaidMonth_SaidOnPrecision",
                table: "ClaimListings",
                columns: new[] { "TopicId", "SaidMonth", "SaidOnPrecision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClaimListings_TopicId_SaidMonth_SaidOnPrecision",
                table: "ClaimListings");

            migrationBuilder.DropColumn(
                name: "SaidMonth",
                table: "ClaimListings");
        }
    }
}
