using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApplCorrectionItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "supplied_for_event_id",
                table: "application_materials",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "application_correction_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_event_id = table.Column<long>(type: "bigint", nullable: false),
                    material_code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    defect = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    supplied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_correction_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_application_correction_items_application_events_application",
                        column: x => x.application_event_id,
                        principalTable: "application_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_application_correction_items_application_event_id",
                table: "application_correction_items",
                column: "application_event_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_correction_items");

            migrationBuilder.DropColumn(
                name: "supplied_for_event_id",
                table: "application_materials");
        }
    }
}
