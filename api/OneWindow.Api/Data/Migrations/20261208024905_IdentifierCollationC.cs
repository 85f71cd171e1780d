using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdentifierCollationC : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "units",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28);

            migrationBuilder.AlterColumn<string>(
                name: "certificate_number",
                table: "rights",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "rights",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "release_document_number",
                table: "restrictions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "document_number",
                table: "restrictions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "restrictions",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "register_entries",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "register_checkpoint_heads",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28);

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "people",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "parcel_code",
                table: "parcels",
                type: "character varying(19)",
                maxLength: 19,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(19)",
                oldMaxLength: 19);

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "outbox_events",
                type: "character varying(28)",
                maxLength: 28,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "outbox_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "certificates",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "certificates",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "applications",
                type: "character varying(21)",
                maxLength: 21,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21);

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "application_units",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28);

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "application_parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "units",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "certificate_number",
                table: "rights",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "rights",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "release_document_number",
                table: "restrictions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "document_number",
                table: "restrictions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "restrictions",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "register_entries",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "register_checkpoint_heads",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "people",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "parcel_code",
                table: "parcels",
                type: "character varying(19)",
                maxLength: 19,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(19)",
                oldMaxLength: 19,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "outbox_events",
                type: "character varying(28)",
                maxLength: 28,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "outbox_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "number",
                table: "certificates",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(60)",
                oldMaxLength: 60,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "certificates",
                type: "character varying(21)",
                maxLength: 21,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldNullable: true,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "business_number",
                table: "applications",
                type: "character varying(21)",
                maxLength: 21,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(21)",
                oldMaxLength: 21,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "unit_code",
                table: "application_units",
                type: "character varying(28)",
                maxLength: 28,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(28)",
                oldMaxLength: 28,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "id_number",
                table: "application_parties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldCollation: "C");
        }
    }
}
