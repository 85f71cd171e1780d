using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleMortgageAgreement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "transfer_agreement",
                table: "rights",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "transfer_agreement",
                table: "rights");
        }
    }
}
