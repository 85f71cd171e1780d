using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "retired_at",
                table: "registry_keys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "use",
                table: "registry_keys",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "register");

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    edition = table.Column<int>(type: "integer", nullable: false),
                    business_number = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    application_id = table.Column<long>(type: "bigint", nullable: true),
                    verification_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    replaced_by = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    produced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    issued_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    payload = table.Column<string>(type: "text", nullable: true),
                    token = table.Column<string>(type: "text", nullable: true),
                    sm2token = table.Column<string>(type: "text", nullable: true),
                    delivery = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    courier = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    print_count = table.Column<int>(type: "integer", nullable: false),
                    last_printed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_printed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_certificates_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_restrictions_document_number",
                table: "restrictions",
                column: "document_number");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_application_id",
                table: "certificates",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_number",
                table: "certificates",
                column: "number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropIndex(
                name: "ix_restrictions_document_number",
                table: "restrictions");

            migrationBuilder.DropColumn(
                name: "retired_at",
                table: "registry_keys");

            migrationBuilder.DropColumn(
                name: "use",
                table: "registry_keys");
        }
    }
}
