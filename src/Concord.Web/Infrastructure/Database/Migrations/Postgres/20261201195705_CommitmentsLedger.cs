using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommitmentsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    OwnerPartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DoneWhen = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourceLedgerEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "commitment_updates");

            migrationBuilder.DropTable(
                name: "commitments");
        }
    }
}
