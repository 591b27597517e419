using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LessonRejectionReasonAndSuggestionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasRecommendation",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Lessons written before the flag existed: the flag says whether they have a recommendation.
            migrationBuilder.Sql("""
                UPDATE lessons SET "HasRecommendation" = 1 WHERE "Recommendation" IS NOT NULL;
                """);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "lessons",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_lessons_Moderation_CategoryId_HasRecommendation_CreatedAt",
                table: "lessons",
                columns: new[] { "Moderation", "CategoryId", "HasRecommendation", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_lessons_Moderation_Stage_HasRecommendation_CreatedAt",
                table: "lessons",
                columns: new[] { "Moderation", "Stage", "HasRecommendation", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_lessons_Moderation_CategoryId_HasRecommendation_CreatedAt",
                table: "lessons");

            migrationBuilder.DropIndex(
                name: "IX_lessons_Moderation_Stage_HasRecommendation_CreatedAt",
                table: "lessons");

            // SQLite drops the columns in place: EF's table rebuild would break the search view and its triggers on lessons.
            migrationBuilder.Sql("""ALTER TABLE lessons DROP COLUMN "HasRecommendation";""");
            migrationBuilder.Sql("""ALTER TABLE lessons DROP COLUMN "RejectionReason";""");
        }
    }
}
