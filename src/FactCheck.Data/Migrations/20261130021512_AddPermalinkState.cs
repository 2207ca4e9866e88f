using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddPermalinkState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AccessedOn",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LostAtUtc",
                table: "Passages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "MergedAtUtc",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Claims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetractedAtUtc",
                table: "Claims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetractedBy",
                table: "Claims",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetractionReason",
                table: "Claims",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClaimVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClaimId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimVersions_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_MergedIntoId",
                table: "Claims",
                column: "MergedIntoId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Claims_NotMergedIntoItself",
                table: "Claims",
                sql: "\"MergedIntoId\" IS NULL OR \"MergedIntoId\" <> \"Id\"");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimVersions_ClaimId_Number",
                table: "ClaimVersions",
                columns: new[] { "ClaimId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Claims_Claims_MergedIntoId",
                table: "Claims",
                column: "MergedIntoId",
                principalTable: "Claims",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Claims_Claims_MergedIntoId",
                table: "Claims");

            migrationBuilder.DropTable(
                name: "ClaimVersions");

            migrationBuilder.DropIndex(
                name: "IX_Claims_MergedIntoId",
                table: "Claims");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Claims_NotMergedIntoItself",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "AccessedOn",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "LostAtUtc",
                table: "Passages");

            migrationBuilder.DropColumn(
                name: "MergedAtUtc",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "RetractedAtUtc",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "RetractedBy",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "RetractionReason",
                table: "Claims");
        }
    }
}
