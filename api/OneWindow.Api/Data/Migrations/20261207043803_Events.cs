using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    position = table.Column<long>(type: "bigint", nullable: true),
                    type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    business_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    unit_code = table.Column<string>(type: "character varying(28)", maxLength: 28, nullable: true),
                    data = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_event_recipients",
                columns: table => new
                {
                    event_id = table.Column<long>(type: "bigint", nullable: false),
                    recipient = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_event_recipients", x => new { x.recipient, x.event_id });
                    table.ForeignKey(
                        name: "fk_outbox_event_recipients_outbox_events_event_id",
                        column: x => x.event_id,
                        principalTable: "outbox_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_event_recipients_event_id",
                table: "outbox_event_recipients",
                column: "event_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_occurred_at",
                table: "outbox_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_events_position",
                table: "outbox_events",
                column: "position",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_event_recipients");

            migrationBuilder.DropTable(
                name: "outbox_events");
        }
    }
}
