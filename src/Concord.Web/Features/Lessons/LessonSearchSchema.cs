using Microsoft.EntityFrameworkCore.Migrations;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// The raw SQL behind the lessons library, called from the migration with one line per provider:
/// <c>LessonSearchSchema.Up(migrationBuilder, isPostgres: false)</c> in Up and
/// <c>LessonSearchSchema.Down(migrationBuilder, isPostgres: false)</c> in Down.
/// <list type="bullet">
/// <item>SQLite: an external-content FTS5 table over lessons' LibraryTitle and LibraryText, kept in step by triggers.</item>
/// <item>PostgreSQL: a stored generated tsvector column (title weighted A, text B) with a GIN index.</item>
/// <item>Both: the default taxonomy as the first categories (fixed ids, so the seed runs once).</item>
/// </list>
/// </summary>
public static class LessonSearchSchema
{
    public const string SqliteFtsTable = "lessons_fts";
    public const string PostgresVectorColumn = "SearchVector";

    public static void Up(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql($"""
                ALTER TABLE lessons ADD COLUMN "{PostgresVectorColumn}" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce("LibraryTitle", '')), 'A') ||
                    setweight(to_tsvector('english', coalesce("LibraryText", '')), 'B')) STORED;
                """);
            migrationBuilder.Sql($"""CREATE INDEX "IX_lessons_SearchVector" ON lessons USING GIN ("{PostgresVectorColumn}");""");
        }
        else
        {
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE {SqliteFtsTable} USING fts5(
                    LibraryTitle, LibraryText, content='lessons', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_insert AFTER INSERT ON lessons BEGIN
                    INSERT INTO {SqliteFtsTable}(rowid, LibraryTitle, LibraryText) VALUES (new.rowid, new.LibraryTitle, new.LibraryText);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_delete AFTER DELETE ON lessons BEGIN
                    INSERT INTO {SqliteFtsTable}({SqliteFtsTable}, rowid, LibraryTitle, LibraryText) VALUES ('delete', old.rowid, old.LibraryTitle, old.LibraryText);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_update AFTER UPDATE OF LibraryTitle, LibraryText ON lessons BEGIN
                    INSERT INTO {SqliteFtsTable}({SqliteFtsTable}, rowid, LibraryTitle, LibraryText) VALUES ('delete', old.rowid, old.LibraryTitle, old.LibraryText);
                    INSERT INTO {SqliteFtsTable}(rowid, LibraryTitle, LibraryText) VALUES (new.rowid, new.LibraryTitle, new.LibraryText);
                END;
                """);
        }

        // The library lists newest first; this index lets it read a page without sorting every lesson.
        migrationBuilder.Sql("CREATE INDEX \"IX_lessons_CreatedAt\" ON lessons (\"CreatedAt\" DESC);");
        SeedTaxonomy(migrationBuilder);
    }

    public static void Down(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (!isPostgres)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS lessons_fts_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS lessons_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS lessons_fts_update;");
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {SqliteFtsTable};");
        }
        // PostgreSQL: the column and the indexes go with the lessons table.
    }

    /// <summary>Fixed ids for the seeded categories, so the seed is the same on every installation.</summary>
    public static Guid SeedId(int index) => new($"0193a000-0000-7000-8000-{index + 1:D12}");

    private static void SeedTaxonomy(MigrationBuilder migrationBuilder)
    {
        var categories = DefaultTaxonomy.Categories;
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            migrationBuilder.InsertData(
                table: "lesson_categories",
                columns: ["Id", "Slug", "Name", "Description", "Keywords", "SortOrder", "IsRetired", "Version"],
                values: [SeedId(i), c.Slug, c.Name, c.Description, string.Join(", ", c.Keywords), (i + 1) * 10, false, 0]);
        }
    }
}
