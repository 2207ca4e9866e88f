using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDeskRevisionsAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrectionNote",
                table: "Verdicts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "Verdicts",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Verdicts",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Verdicts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedBy",
                table: "Verdicts",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Verdicts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EntityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedFields = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Revisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerdictEvidence",
                columns: table => new
                {
                    EvidenceId = table.Column<int>(type: "INTEGER", nullable: false),
                    VerdictId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerdictEvidence", x => new { x.EvidenceId, x.VerdictId });
                    table.ForeignKey(
                        name: "FK_VerdictEvidence_Evidence_EvidenceId",
                        column: x => x.EvidenceId,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VerdictEvidence_Verdicts_VerdictId",
                        column: x => x.VerdictId,
                        principalTable: "Verdicts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Verdicts_OneWorkingDraftPerClaim",
                table: "Verdicts",
                column: "ClaimId",
                unique: true,
                filter: "\"Status\" <> 'Published'");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_AtUtc",
                table: "AuditLog",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_CreatedAtUtc",
                table: "Revisions",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_EntityType_EntityId_Number",
                table: "Revisions",
                columns: new[] { "EntityType", "EntityId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerdictEvidence_VerdictId",
                table: "VerdictEvidence",
                column: "VerdictId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "Revisions");

            migrationBuilder.DropTable(
                name: "VerdictEvidence");

            migrationBuilder.DropIndex(
                name: "IX_Verdicts_OneWorkingDraftPerClaim",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "CorrectionNote",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "UpdatedBy",
                table: "Verdicts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Verdicts");
        }
    }
}
