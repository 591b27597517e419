using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReadinessDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agreement_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    Text = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agreement_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agreement_versions_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agreement_versions_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "objectives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_objectives_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partner_aims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Funder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partner_aims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partner_aims_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_partner_aims_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "readiness_reflections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    WhyPartner = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AddedValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PeopleServed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FunderDriven = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    FunderDrivenExplanation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MissionAtStake = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SmallPartner = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_readiness_reflections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_readiness_reflections_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_readiness_reflections_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workstreams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workstreams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workstreams_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agreement_signatures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AgreementVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SignedById = table.Column<Guid>(type: "uuid", nullable: true),
                    SignedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TextHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agreement_signatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agreement_signatures_accounts_SignedById",
                        column: x => x.SignedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agreement_signatures_agreement_versions_AgreementVersionId",
                        column: x => x.AgreementVersionId,
                        principalTable: "agreement_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_agreement_signatures_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "objective_aims",
                columns: table => new
                {
                    ObjectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    AimId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objective_aims", x => new { x.ObjectiveId, x.AimId });
                    table.ForeignKey(
                        name: "FK_objective_aims_objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_objective_aims_partner_aims_AimId",
                        column: x => x.AimId,
                        principalTable: "partner_aims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "matrix_cells",
                columns: table => new
                {
                    WorkstreamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_matrix_cells", x => new { x.WorkstreamId, x.PartnerId });
                    table.ForeignKey(
                        name: "FK_matrix_cells_partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_matrix_cells_workstreams_WorkstreamId",
                        column: x => x.WorkstreamId,
                        principalTable: "workstreams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_agreement_signatures_AgreementVersionId_PartnerId",
                table: "agreement_signatures",
                columns: new[] { "AgreementVersionId", "PartnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_agreement_signatures_PartnerId",
                table: "agreement_signatures",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_agreement_signatures_SignedById",
                table: "agreement_signatures",
                column: "SignedById");

            migrationBuilder.CreateIndex(
                name: "IX_agreement_versions_CreatedById",
                table: "agreement_versions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_agreement_versions_PartnershipId_Number",
                table: "agreement_versions",
                columns: new[] { "PartnershipId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_matrix_cells_PartnerId",
                table: "matrix_cells",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_matrix_cells_PartnershipId",
                table: "matrix_cells",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_objective_aims_AimId",
                table: "objective_aims",
                column: "AimId");

            migrationBuilder.CreateIndex(
                name: "IX_objectives_PartnershipId",
                table: "objectives",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_partner_aims_PartnerId",
                table: "partner_aims",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_partner_aims_PartnershipId",
                table: "partner_aims",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_readiness_reflections_PartnerId",
                table: "readiness_reflections",
                column: "PartnerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_readiness_reflections_PartnershipId",
                table: "readiness_reflections",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_workstreams_PartnershipId",
                table: "workstreams",
                column: "PartnershipId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agreement_signatures");

            migrationBuilder.DropTable(
                name: "matrix_cells");

            migrationBuilder.DropTable(
                name: "objective_aims");

            migrationBuilder.DropTable(
                name: "readiness_reflections");

            migrationBuilder.DropTable(
                name: "agreement_versions");

            migrationBuilder.DropTable(
                name: "workstreams");

            migrationBuilder.DropTable(
                name: "objectives");

            migrationBuilder.DropTable(
                name: "partner_aims");
        }
    }
}
