using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartiesRenamedHolders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_parties_id_type_id_number",
                table: "parties");

            migrationBuilder.CreateIndex(
                name: "ix_parties_id_type_id_number",
                table: "parties",
                columns: new[] { "id_type", "id_number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_parties_id_type_id_number",
                table: "parties");

            migrationBuilder.CreateIndex(
                name: "ix_parties_id_type_id_number",
                table: "parties",
                columns: new[] { "id_type", "id_number" },
                unique: true);
        }
    }
}
