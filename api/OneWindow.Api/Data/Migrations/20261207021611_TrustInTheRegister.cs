using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrustInTheRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel_note",
                table: "partners",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "channel_reviewed_at",
                table: "partners",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel_reviewed_by",
                table: "partners",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_authorised_channel",
                table: "partners",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "filed_as_agent",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "confirmation",
                table: "application_parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                // Applications stored before consent was asked for were taken as their submitters filed them.
                defaultValue: "Confirmed");

            migrationBuilder.AddColumn<string>(
                name: "confirmation_method",
                table: "application_parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "confirmed_at",
                table: "application_parties",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confirmed_by",
                table: "application_parties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "register_checkpoint_heads",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(28)", maxLength: 28, nullable: false),
                    checkpoint_sequence = table.Column<long>(type: "bigint", nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false),
                    head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_register_checkpoint_heads", x => new { x.unit_code, x.checkpoint_sequence });
                });

            migrationBuilder.CreateTable(
                name: "register_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    taken_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    unit_count = table.Column<long>(type: "bigint", nullable: false),
                    entry_count = table.Column<long>(type: "bigint", nullable: false),
                    root = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    previous_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_register_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_keys",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    algorithm = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    public_key = table.Column<string>(type: "text", nullable: false),
                    protected_private_key = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_keys", x => x.key_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_register_checkpoints_sequence",
                table: "register_checkpoints",
                column: "sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "register_checkpoint_heads");

            migrationBuilder.DropTable(
                name: "register_checkpoints");

            migrationBuilder.DropTable(
                name: "registry_keys");

            migrationBuilder.DropColumn(
                name: "channel_note",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "channel_reviewed_at",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "channel_reviewed_by",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "is_authorised_channel",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "filed_as_agent",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "confirmation",
                table: "application_parties");

            migrationBuilder.DropColumn(
                name: "confirmation_method",
                table: "application_parties");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "application_parties");

            migrationBuilder.DropColumn(
                name: "confirmed_by",
                table: "application_parties");
        }
    }
}
