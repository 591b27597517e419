using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace Concord.Web.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LessonsLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lesson_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lesson_collection_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_collection_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lesson_collection_links_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "lessons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Recommendation = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PartnershipType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Visibility = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Moderation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CollectionLinkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LibraryTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LibraryText = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lessons_accounts_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_lessons_lesson_categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "lesson_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_lessons_lesson_collection_links_CollectionLinkId",
                        column: x => x.CollectionLinkId,
                        principalTable: "lesson_collection_links",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_lessons_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lesson_tags",
                columns: table => new
                {
                    LessonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lesson_tags", x => new { x.LessonId, x.Tag });
                    table.ForeignKey(
                        name: "FK_lesson_tags_lessons_LessonId",
                        column: x => x.LessonId,
                        principalTable: "lessons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lesson_categories_Slug",
                table: "lesson_categories",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lesson_collection_links_CreatedById",
                table: "lesson_collection_links",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_lesson_collection_links_Token",
                table: "lesson_collection_links",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lesson_tags_Tag_LessonId",
                table: "lesson_tags",
                columns: new[] { "Tag", "LessonId" });

            migrationBuilder.CreateIndex(
                name: "IX_lessons_AuthorId",
                table: "lessons",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_lessons_CategoryId",
                table: "lessons",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_lessons_CollectionLinkId",
                table: "lessons",
                column: "CollectionLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_lessons_Moderation_Visibility_CreatedAt",
                table: "lessons",
                columns: new[] { "Moderation", "Visibility", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_lessons_PartnershipId_CreatedAt",
                table: "lessons",
                columns: new[] { "PartnershipId", "CreatedAt" });

            Concord.Web.Features.Lessons.LessonSearchSchema.Up(migrationBuilder, isPostgres: false);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Concord.Web.Features.Lessons.LessonSearchSchema.Down(migrationBuilder, isPostgres: false);

            migrationBuilder.DropTable(
                name: "lesson_tags");

            migrationBuilder.DropTable(
                name: "lessons");

            migrationBuilder.DropTable(
                name: "lesson_categories");

            migrationBuilder.DropTable(
                name: "lesson_collection_links");
        }
    }
}
