using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "communication_methods",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ledger_entry_partners",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false)
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

            // The partners of existing entries move from the array column to the join table, in their recorded order
            // (the order is part of each entry's sealed hash).
            migrationBuilder.Sql("""
                INSERT INTO ledger_entry_partners ("EntryId", "Position", "PartnerId", "Date")
                SELECT e."Id", (u.ord - 1)::int, u.pid, e."Date" FROM ledger_entries e, unnest(e."PartnerIds") WITH ORDINALITY AS u(pid, ord);
                """);
            migrationBuilder.DropColumn(
                name: "PartnerIds",
                table: "ledger_entries");
            Features.Ledger.LedgerDatabaseGuards.ApplyToPartners(migrationBuilder, isPostgres: true);

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
            Features.Ledger.LedgerDatabaseGuards.RemoveFromPartners(migrationBuilder, isPostgres: true);
            migrationBuilder.AddColumn<List<Guid>>(
                name: "PartnerIds",
                table: "ledger_entries",
                type: "uuid[]",
                nullable: false,
                defaultValue: new List<Guid>());

            // Entries are append-only: the guard is lifted only while their partners move back into the column.
            Features.Ledger.LedgerDatabaseGuards.Remove(migrationBuilder, isPostgres: true);
            migrationBuilder.Sql("""
                UPDATE ledger_entries e SET "PartnerIds" = COALESCE((SELECT array_agg(p."PartnerId" ORDER BY p."Position") FROM ledger_entry_partners p WHERE p."EntryId" = e."Id"), '{}');
                """);
            Features.Ledger.LedgerDatabaseGuards.Apply(migrationBuilder, isPostgres: true);

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
