using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommitmentsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitment_digest_runs",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RanAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Messages = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitment_digest_runs", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "communication_methods",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EveryDays = table.Column<int>(type: "INTEGER", nullable: true),
                    Contacts = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_communication_methods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_communication_methods_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_communication_methods_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    PartnerIds = table.Column<string>(type: "TEXT", nullable: false),
                    People = table.Column<string>(type: "TEXT", nullable: false),
                    Promises = table.Column<string>(type: "TEXT", nullable: false),
                    CorrectsEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ledger_entries_accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_entries_ledger_entries_CorrectsEntryId",
                        column: x => x.CorrectsEntryId,
                        principalTable: "ledger_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ledger_entries_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OwnerPartnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneWhen = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceLedgerEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportedStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commitments_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_commitments_accounts_OwnerPersonId",
                        column: x => x.OwnerPersonId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_commitments_ledger_entries_SourceLedgerEntryId",
                        column: x => x.SourceLedgerEntryId,
                        principalTable: "ledger_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_commitments_partners_OwnerPartnerId",
                        column: x => x.OwnerPartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_commitments_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "commitment_updates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commitment_updates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_commitment_updates_accounts_ById",
                        column: x => x.ById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_commitment_updates_commitments_CommitmentId",
                        column: x => x.CommitmentId,
                        principalTable: "commitments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_commitment_updates_ById",
                table: "commitment_updates",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_commitment_updates_CommitmentId_RecordedAt",
                table: "commitment_updates",
                columns: new[] { "CommitmentId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_CreatedById",
                table: "commitments",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_commitments_OwnerPartnerId_DueDate",
                table: "commitments",
                columns: new[] { "OwnerPartnerId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_OwnerPersonId_DueDate",
                table: "commitments",
                columns: new[] { "OwnerPersonId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_PartnershipId_DueDate",
                table: "commitments",
                columns: new[] { "PartnershipId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_commitments_SourceLedgerEntryId",
                table: "commitments",
                column: "SourceLedgerEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_communication_methods_PartnerId",
                table: "communication_methods",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_communication_methods_PartnershipId_PartnerId",
                table: "communication_methods",
                columns: new[] { "PartnershipId", "PartnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_AuthorId",
                table: "ledger_entries",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_CorrectsEntryId",
                table: "ledger_entries",
                column: "CorrectsEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_PartnershipId_Sequence",
                table: "ledger_entries",
                columns: new[] { "PartnershipId", "Sequence" },
                unique: true);

            Concord.Web.Features.Ledger.LedgerDatabaseGuards.Apply(migrationBuilder, isPostgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Concord.Web.Features.Ledger.LedgerDatabaseGuards.Remove(migrationBuilder, isPostgres: false);

            migrationBuilder.DropTable(
                name: "commitment_digest_runs");

            migrationBuilder.DropTable(
                name: "commitment_updates");

            migrationBuilder.DropTable(
                name: "communication_methods");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropTable(
                name: "ledger_entries");
        }
    }
}
