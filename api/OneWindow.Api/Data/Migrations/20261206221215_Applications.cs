using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OneWindow.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Applications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_applications_partner_id_submitted_at",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_application_materials_application_id",
                table: "application_materials");

            migrationBuilder.DropColumn(
                name: "content_type",
                table: "application_materials");

            migrationBuilder.DropColumn(
                name: "file_name",
                table: "application_materials");

            migrationBuilder.DropColumn(
                name: "sha256",
                table: "application_materials");

            migrationBuilder.RenameColumn(
                name: "uploaded_at",
                table: "application_materials",
                newName: "attached_at");

            migrationBuilder.RenameColumn(
                name: "size",
                table: "application_materials",
                newName: "material_id");

            migrationBuilder.AddColumn<string>(
                name: "circumstances",
                table: "applications",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "closed_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "due_date_provisional",
                table: "applications",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "payload",
                table: "applications",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "person_id",
                table: "applications",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "recorded_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_before_correction",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "submitter_key",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "summary",
                table: "applications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "unit_count",
                table: "applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "applications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "from_status",
                table: "application_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "action",
                table: "application_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AddColumn<string>(
                name: "actor_kind",
                table: "application_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "application_parties",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_id = table.Column<long>(type: "bigint", nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    id_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    id_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    share_percent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_parties", x => x.id);
                    table.ForeignKey(
                        name: "fk_application_parties_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_units",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    application_id = table.Column<long>(type: "bigint", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(28)", maxLength: 28, nullable: false),
                    conflict_group = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_application_units", x => x.id);
                    table.ForeignKey(
                        name: "fk_application_units_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "configuration_documents",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_configuration_documents", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    caller_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    response = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "material_contents",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    stored_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("ak_material_contents_sha256", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "sequences",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sequences", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "materials",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    public_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    owner_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file_name = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    material_code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_materials", x => x.id);
                    table.ForeignKey(
                        name: "fk_materials_material_contents_sha256",
                        column: x => x.sha256,
                        principalTable: "material_contents",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rights_business_number",
                table: "rights",
                column: "business_number");

            migrationBuilder.CreateIndex(
                name: "ix_restrictions_business_number",
                table: "restrictions",
                column: "business_number");

            migrationBuilder.CreateIndex(
                name: "ix_register_entries_business_number",
                table: "register_entries",
                column: "business_number");

            migrationBuilder.CreateIndex(
                name: "ix_applications_partner_id",
                table: "applications",
                column: "partner_id");

            migrationBuilder.CreateIndex(
                name: "ix_applications_submitter_key_id",
                table: "applications",
                columns: new[] { "submitter_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_application_materials_application_id_material_id_material_c",
                table: "application_materials",
                columns: new[] { "application_id", "material_id", "material_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_application_materials_material_id",
                table: "application_materials",
                column: "material_id");

            migrationBuilder.CreateIndex(
                name: "ix_application_parties_application_id",
                table: "application_parties",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_application_parties_id_number_application_id",
                table: "application_parties",
                columns: new[] { "id_number", "application_id" });

            migrationBuilder.CreateIndex(
                name: "ix_application_units_application_id",
                table: "application_units",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_application_units_open",
                table: "application_units",
                columns: new[] { "unit_code", "conflict_group" },
                unique: true,
                filter: "is_open");

            migrationBuilder.CreateIndex(
                name: "ix_application_units_unit_code",
                table: "application_units",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_caller_key_key",
                table: "idempotency_records",
                columns: new[] { "caller_key", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_records_created_at",
                table: "idempotency_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_materials_owner_key_id",
                table: "materials",
                columns: new[] { "owner_key", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_materials_public_id",
                table: "materials",
                column: "public_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_materials_sha256",
                table: "materials",
                column: "sha256");

            migrationBuilder.AddForeignKey(
                name: "fk_application_materials_materials_material_id",
                table: "application_materials",
                column: "material_id",
                principalTable: "materials",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_application_materials_materials_material_id",
                table: "application_materials");

            migrationBuilder.DropTable(
                name: "application_parties");

            migrationBuilder.DropTable(
                name: "application_units");

            migrationBuilder.DropTable(
                name: "configuration_documents");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "materials");

            migrationBuilder.DropTable(
                name: "sequences");

            migrationBuilder.DropTable(
                name: "material_contents");

            migrationBuilder.DropIndex(
                name: "ix_rights_business_number",
                table: "rights");

            migrationBuilder.DropIndex(
                name: "ix_restrictions_business_number",
                table: "restrictions");

            migrationBuilder.DropIndex(
                name: "ix_register_entries_business_number",
                table: "register_entries");

            migrationBuilder.DropIndex(
                name: "ix_applications_partner_id",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_applications_submitter_key_id",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ix_application_materials_application_id_material_id_material_c",
                table: "application_materials");

            migrationBuilder.DropIndex(
                name: "ix_application_materials_material_id",
                table: "application_materials");

            migrationBuilder.DropColumn(
                name: "circumstances",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "due_date_provisional",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "payload",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "person_id",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "recorded_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "status_before_correction",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "submitter_key",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "summary",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "unit_count",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "version",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "actor_kind",
                table: "application_events");

            migrationBuilder.RenameColumn(
                name: "material_id",
                table: "application_materials",
                newName: "size");

            migrationBuilder.RenameColumn(
                name: "attached_at",
                table: "application_materials",
                newName: "uploaded_at");

            migrationBuilder.AddColumn<string>(
                name: "content_type",
                table: "application_materials",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "file_name",
                table: "application_materials",
                type: "character varying(260)",
                maxLength: 260,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "sha256",
                table: "application_materials",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "from_status",
                table: "application_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "action",
                table: "application_events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_partner_id_submitted_at",
                table: "applications",
                columns: new[] { "partner_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_application_materials_application_id",
                table: "application_materials",
                column: "application_id");
        }
    }
}
