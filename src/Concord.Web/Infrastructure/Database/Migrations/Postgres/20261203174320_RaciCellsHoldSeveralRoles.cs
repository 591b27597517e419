using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RaciCellsHoldSeveralRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_matrix_cells",
                table: "matrix_cells");

            migrationBuilder.AddPrimaryKey(
                name: "PK_matrix_cells",
                table: "matrix_cells",
                columns: new[] { "WorkstreamId", "PartnerId", "Role" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_matrix_cells",
                table: "matrix_cells");

            migrationBuilder.AddPrimaryKey(
                name: "PK_matrix_cells",
                table: "matrix_cells",
                columns: new[] { "WorkstreamId", "PartnerId" });
        }
    }
}
