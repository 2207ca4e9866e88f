using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddClaimListings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ListedClaimCount",
                table: "Topics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CurrentRatedBy",
                table: "Claims",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ListedClaimCount",
                table: "Claimants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ClaimListings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClaimantId = table.Column<int>(type: "INTEGER", nullable: true),
                    SaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SaidOnPrecision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CurrentRating = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentRatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimListings", x => x.Id);
                    table.CheckConstraint("CK_ClaimListings_OneOwner", "(\"TopicId\" IS NULL) <> (\"ClaimantId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_ClaimListings_Claimants_ClaimantId",
                        column: x => x.ClaimantId,
                        principalTable: "Claimants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClaimListings_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClaimListings_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Topics_Name_Slug",
                table: "Topics",
                columns: new[] { "Name", "Slug" });

            migrationBuilder.CreateIndex(
                name: "IX_Claimants_ListedClaimCount_Name",
                table: "Claimants",
                columns: new[] { "ListedClaimCount", "Name" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimListings_ClaimantId_CurrentRating_CurrentRatedBy",
                table: "ClaimListings",
                columns: new[] { "ClaimantId", "CurrentRating", "CurrentRatedBy" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimListings_ClaimantId_SaidOn_ClaimId",
                table: "ClaimListings",
                columns: new[] { "ClaimantId", "SaidOn", "ClaimId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimListings_ClaimId",
                table: "ClaimListings",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimListings_TopicId_SaidOn_ClaimId_SaidOnPrecision",
                table: "ClaimListings",
                columns: new[] { "TopicId", "SaidOn", "ClaimId", "SaidOnPrecision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimListings");

            migrationBuilder.DropIndex(
                name: "IX_Topics_Name_Slug",
                table: "Topics");

            migrationBuilder.DropIndex(
                name: "IX_Claimants_ListedClaimCount_Name",
                table: "Claimants");

            migrationBuilder.DropColumn(
                name: "ListedClaimCount",
                table: "Topics");

            migrationBuilder.DropColumn(
                name: "CurrentRatedBy",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "ListedClaimCount",
                table: "Claimants");
        }
    }
}
