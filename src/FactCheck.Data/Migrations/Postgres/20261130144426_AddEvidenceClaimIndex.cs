using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FactCheck.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddEvidenceClaimIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Evidence_Id_ClaimId",
                table: "Evidence",
                columns: new[] { "Id", "ClaimId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evidence_Id_ClaimId",
                table: "Evidence");
        }
    }
}
