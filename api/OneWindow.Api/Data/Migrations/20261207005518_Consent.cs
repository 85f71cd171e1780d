using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Consent : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
