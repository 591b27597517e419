using Microsoft.EntityFrameworkCore.Migrations;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// The raw SQL behind the lessons library, called from the migration with one line per provider:
/// <c>LessonSearchSchema.Up(migrationBuilder, isPostgres: false)</c> in Up and
/// <c>LessonSearchSchema.Down(migrationBuilder, isPostgres: false)</c> in Down.
/// <para>
/// Besides the words of a lesson, the index holds <em>facet tokens</em> (<see cref="LessonFacets"/>): one for
/// each filterable value (published, visibility, partnership, kind, stage, category, type of partnership, each
/// tag). A search then asks the full-text index for "these words AND these facets", which the index answers by
/// intersecting its lists, instead of fetching every matching lesson to test the filters one by one.
/// </para>
/// <list type="bullet">
/// <item>SQLite: an FTS5 table (title, text, facets) keyed by the lesson's rowid, filled from the view
/// <c>lesson_search_source</c> by triggers on lessons and on lesson_tags.</item>
/// <item>PostgreSQL: a tsvector column (title weighted A, text B, facets D) kept by triggers on lessons and on
/// lesson_tags, with a GIN index.</item>
/// <item>Both: the default taxonomy as the first categories (fixed ids, so the seed runs once).</item>
/// </list>
/// SQLite's VACUUM may renumber rowids of tables without an integer key: after a VACUUM, run
/// <see cref="SqliteRebuild"/> to rebuild the index.
/// </summary>
public static class LessonSearchSchema
{
    public const string SqliteFtsTable = "lessons_fts";
    public const string PostgresVectorColumn = "SearchVector";

    /// <summary>Rebuilds the SQLite index from the lessons (after a VACUUM, or to repair it).</summary>
    public const string SqliteRebuild = $"""
        DELETE FROM {SqliteFtsTable};
        INSERT INTO {SqliteFtsTable}(rowid, LibraryTitle, LibraryText, Facets) SELECT rid, LibraryTitle, LibraryText, Facets FROM lesson_search_source;
        """;

    // Facet tokens in SQL: the same words LessonFacets builds in C#. Guids as 32 lower-case hex digits; free text
    // (type of partnership, tags) as the hex of its UTF-8 bytes, so every facet is one plain token.
    private const string SqliteFacets = """
        (CASE WHEN l."Moderation" = 'Published' THEN 'zpub ' ELSE '' END)
        || 'zv' || lower(l."Visibility")
        || ' zp' || lower(replace(coalesce(l."PartnershipId", 'none'), '-', ''))
        || ' zk' || lower(l."Kind")
        || ' zs' || lower(coalesce(l."Stage", 'none'))
        || ' zc' || lower(replace(coalesce(l."CategoryId", 'none'), '-', ''))
        || ' zy' || (CASE WHEN coalesce(l."PartnershipType", '') = '' THEN 'none' ELSE lower(hex(l."PartnershipType")) END)
        || coalesce((SELECT ' ' || group_concat('zt' || lower(hex(t."Tag")), ' ') FROM lesson_tags t WHERE t."LessonId" = l."Id"), '')
        """;

    private const string PostgresFacets = """
        (CASE WHEN NEW."Moderation" = 'Published' THEN 'zpub ' ELSE '' END)
        || 'zv' || lower(NEW."Visibility")
        || ' zp' || coalesce(replace(NEW."PartnershipId"::text, '-', ''), 'none')
        || ' zk' || lower(NEW."Kind")
        || ' zs' || lower(coalesce(NEW."Stage", 'none'))
        || ' zc' || coalesce(replace(NEW."CategoryId"::text, '-', ''), 'none')
        || ' zy' || coalesce(nullif(encode(convert_to(coalesce(NEW."PartnershipType", ''), 'UTF8'), 'hex'), ''), 'none')
        || coalesce((SELECT ' ' || string_agg('zt' || encode(convert_to(t."Tag", 'UTF8'), 'hex'), ' ') FROM lesson_tags t WHERE t."LessonId" = NEW."Id"), '')
        """;

    public static void Up(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql($"""ALTER TABLE lessons ADD COLUMN "{PostgresVectorColumn}" tsvector;""");
            migrationBuilder.Sql($$"""
                CREATE FUNCTION lessons_search_vector() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    NEW."{{PostgresVectorColumn}}" :=
                        setweight(to_tsvector('english', coalesce(NEW."LibraryTitle", '')), 'A') ||
                        setweight(to_tsvector('english', coalesce(NEW."LibraryText", '')), 'B') ||
                        setweight(to_tsvector('simple', {{PostgresFacets}}), 'D');
                    RETURN NEW;
                END
                $fn$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER lessons_search_vector BEFORE INSERT OR UPDATE ON lessons FOR EACH ROW EXECUTE FUNCTION lessons_search_vector();");
            // A tag added or removed touches its lesson, whose own trigger then recomputes the vector.
            migrationBuilder.Sql($$"""
                CREATE FUNCTION lesson_tags_search_touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN
                        UPDATE lessons SET "{{PostgresVectorColumn}}" = NULL WHERE "Id" = OLD."LessonId";
                    END IF;
                    IF TG_OP <> 'DELETE' THEN
                        UPDATE lessons SET "{{PostgresVectorColumn}}" = NULL WHERE "Id" = NEW."LessonId";
                    END IF;
                    RETURN NULL;
                END
                $fn$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER lesson_tags_search_touch AFTER INSERT OR UPDATE OR DELETE ON lesson_tags FOR EACH ROW EXECUTE FUNCTION lesson_tags_search_touch();");
            migrationBuilder.Sql($"""CREATE INDEX "IX_lessons_SearchVector" ON lessons USING GIN ("{PostgresVectorColumn}");""");
        }
        else
        {
            migrationBuilder.Sql($"""
                CREATE VIEW lesson_search_source AS
                SELECT l.rowid AS rid, l."LibraryTitle" AS LibraryTitle, l."LibraryText" AS LibraryText, {SqliteFacets} AS Facets
                FROM lessons l;
                """);
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE {SqliteFtsTable} USING fts5(
                    LibraryTitle, LibraryText, Facets, tokenize='porter unicode61 remove_diacritics 2');
                """);
            const string Refill = $"INSERT INTO {SqliteFtsTable}(rowid, LibraryTitle, LibraryText, Facets) SELECT rid, LibraryTitle, LibraryText, Facets FROM lesson_search_source WHERE rid = ";
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_insert AFTER INSERT ON lessons BEGIN
                    {Refill}new.rowid;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_delete AFTER DELETE ON lessons BEGIN
                    DELETE FROM {SqliteFtsTable} WHERE rowid = old.rowid;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER lessons_fts_update AFTER UPDATE ON lessons BEGIN
                    DELETE FROM {SqliteFtsTable} WHERE rowid = old.rowid;
                    {Refill}new.rowid;
                END;
                """);
            foreach (var (name, when, side) in new[] { ("insert", "INSERT", "new"), ("delete", "DELETE", "old"), ("update_old", "UPDATE", "old"), ("update_new", "UPDATE", "new") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER lesson_tags_fts_{name} AFTER {when} ON lesson_tags BEGIN
                        DELETE FROM {SqliteFtsTable} WHERE rowid = (SELECT rowid FROM lessons WHERE "Id" = {side}."LessonId");
                        {Refill}(SELECT rowid FROM lessons WHERE "Id" = {side}."LessonId");
                    END;
                    """);
            }
        }

        // The library lists newest first; this index lets it read a page without sorting every lesson.
        migrationBuilder.Sql("CREATE INDEX \"IX_lessons_CreatedAt\" ON lessons (\"CreatedAt\" DESC, \"Id\");");
        SeedTaxonomy(migrationBuilder);
    }

    public static void Down(MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS lesson_tags_search_touch ON lesson_tags;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS lessons_search_vector ON lessons;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS lesson_tags_search_touch();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS lessons_search_vector();");
            return;
        }

        foreach (var trigger in new[] { "lessons_fts_insert", "lessons_fts_delete", "lessons_fts_update", "lesson_tags_fts_insert", "lesson_tags_fts_delete", "lesson_tags_fts_update_old", "lesson_tags_fts_update_new" })
        {
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
        }

        migrationBuilder.Sql($"DROP TABLE IF EXISTS {SqliteFtsTable};");
        migrationBuilder.Sql("DROP VIEW IF EXISTS lesson_search_source;");
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
