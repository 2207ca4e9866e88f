using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSimilarClaimSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SimilarClaimSets",
                columns: table => new
                {
                    ClaimId = table.Column<int>(type: "integer", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsStale = table.Column<bool>(type: "boolean", nullable: false),
                    PassesOn = table.Column<bool>(type: "boolean", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimilarClaimSets", x => x.ClaimId);
                    table.ForeignKey(
                        name: "FK_SimilarClaimSets_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SimilarClaimSuggestions",
                columns: table => new
                {
                    ClaimId = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    SuggestedClaimId = table.Column<int>(type: "integer", nullable: false),
                    SharedTerms = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimilarClaimSuggestions", x => new { x.ClaimId, x.Rank });
                    table.ForeignKey(
                        name: "FK_SimilarClaimSuggestions_Claims_SuggestedClaimId",
                        column: x => x.SuggestedClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SimilarClaimSuggestions_SimilarClaimSets_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "SimilarClaimSets",
                        principalColumn: "ClaimId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SimilarClaimSets_IsStale_ComputedAtUtc",
                table: "SimilarClaimSets",
                columns: new[] { "IsStale", "ComputedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SimilarClaimSuggestions_SuggestedClaimId",
                table: "SimilarClaimSuggestions",
                column: "SuggestedClaimId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SimilarClaimSuggestions");

            migrationBuilder.DropTable(
                name: "SimilarClaimSets");
        }
    }
}
