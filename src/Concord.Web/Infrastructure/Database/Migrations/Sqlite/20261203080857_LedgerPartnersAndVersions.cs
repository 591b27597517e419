using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerPartnersAndVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "partners",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "communication_methods",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ledger_entry_partners",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entry_partners", x => new { x.EntryId, x.Position });
                    table.ForeignKey(
                        name: "FK_ledger_entry_partners_ledger_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ledger_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_entry_partners_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The partners of existing entries move from the JSON column to the join table, in their recorded order
            // (the order is part of each entry's sealed hash).
            migrationBuilder.Sql("""
                INSERT INTO ledger_entry_partners (EntryId, Position, PartnerId, Date) SELECT e.Id, CAST(j.key AS INTEGER), upper(j.value), e.Date FROM ledger_entries e, json_each(e.PartnerIds) j;
                """);
            // SQLite's own DROP COLUMN keeps the table (and its append-only triggers); EF's DropColumn would rebuild it without them.
            migrationBuilder.Sql("ALTER TABLE ledger_entries DROP COLUMN PartnerIds;");
            Features.Ledger.LedgerDatabaseGuards.ApplyToPartners(migrationBuilder, isPostgres: false);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_SubjectId_At",
                table: "audit_entries",
                columns: new[] { "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entry_partners_PartnerId_Date",
                table: "ledger_entry_partners",
                columns: new[] { "PartnerId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Features.Ledger.LedgerDatabaseGuards.RemoveFromPartners(migrationBuilder, isPostgres: false);
            migrationBuilder.AddColumn<string>(
                name: "PartnerIds",
                table: "ledger_entries",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
            // Entries are append-only: the guard is lifted only while their partners move back into the column.
            Features.Ledger.LedgerDatabaseGuards.Remove(migrationBuilder, isPostgres: false);
            migrationBuilder.Sql("""
                UPDATE ledger_entries SET PartnerIds = COALESCE((SELECT json_group_array(lower(p.PartnerId)) FROM (SELECT PartnerId FROM ledger_entry_partners WHERE EntryId = ledger_entries.Id ORDER BY Position) p), '[]');
                """);
            Features.Ledger.LedgerDatabaseGuards.Apply(migrationBuilder, isPostgres: false);
            migrationBuilder.DropTable(
                name: "ledger_entry_partners");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_SubjectId_At",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "communication_methods");

        }
    }
}
