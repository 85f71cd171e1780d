using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegisterCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }
    }
}
