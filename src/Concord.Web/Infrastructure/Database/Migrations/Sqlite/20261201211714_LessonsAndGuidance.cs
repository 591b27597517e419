using System;
using Microsoft.EntityFrameworkCore.Migrations;



namespace Concord.Web.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LessonsAndGuidance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checklist_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    GuidanceSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Items = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checklist_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "guidance_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    RelatedCategories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RelatedTags = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guidance_articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_guidance_articles_accounts_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

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
                name: "partnership_stories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Background = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    WhatWasDone = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    WhatWasLearned = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SelectedForReports = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partnership_stories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partnership_stories_accounts_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_partnership_stories_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partnership_checklists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TemplateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    GuidanceSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AdoptedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AdoptedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_partnership_checklists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_partnership_checklists_accounts_AdoptedById",
                        column: x => x.AdoptedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_partnership_checklists_checklist_templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "checklist_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_partnership_checklists_partnerships_PartnershipId",
                        column: x => x.PartnershipId,
                        principalTable: "partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "checklist_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChecklistId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    TickedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TickedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checklist_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_checklist_items_accounts_TickedById",
                        column: x => x.TickedById,
                        principalTable: "accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_checklist_items_partnership_checklists_ChecklistId",
                        column: x => x.ChecklistId,
                        principalTable: "partnership_checklists",
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

            migrationBuilder.InsertData(
                table: "checklist_templates",
                columns: new[] { "Id", "Description", "GuidanceSlug", "Items", "Stage", "Title", "UpdatedAt", "Version" },
                values: new object[,]
                {
                    { new Guid("0193f0a0-0000-7000-8000-000000000101"), "The agreements from the setting-up guidance, to work through together before delivery starts.", "setting-up-a-partnership", "Communication methods agreed (channels, reply times, who to contact when someone is away)\nTerminology agreed and written in a short glossary\nSafeguarding, data protection and complaints policies compared\nConsent forms for shared work agreed and shared with every partner\nReferral route and what a referral must contain agreed\nClosures, holidays and term dates planned in the shared calendar\nPartnership agreement written and signed by every partner", "SettingUp", "Setting up the partnership", 639032004000000000L, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000102"), "Questions to answer with each possible partner before committing.", "deciding-whether-to-partner", "Shared purpose written in one or two sentences\nPeople who will do the work named, with time set aside\nWhat each partner brings and needs written down\nDecision-making speeds and routes of each partner understood\nTime and money for coordination included in the budget", "Deciding", "Deciding whether to partner", 639032004000000000L, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000103"), "Steps to close or hand over the work well.", "ending-well", "Decision made on continuing, handing over or closing\nPeople supported told what is changing and introduced to other help\nStaff and volunteers told and thanked\nRecords, equipment and shared accounts settled\nFinal review held and lessons recorded\nPartnership story written", "Ending", "Ending the partnership", 639032004000000000L, 0 }
                });

            migrationBuilder.InsertData(
                table: "guidance_articles",
                columns: new[] { "Id", "Body", "RelatedCategories", "RelatedTags", "Slug", "SortOrder", "Stage", "Summary", "Title", "UpdatedAt", "UpdatedById", "Version" },
                values: new object[,]
                {
                    { new Guid("0193f0a0-0000-7000-8000-000000000001"), "Partnership is a means, not an aim. Before you sign anything, be clear about what working together\nwill let you do that none of you could do alone — and what it will cost each organisation in time,\nmoney and attention.\n\n# Start with the people you serve\n\nWrite down, in one or two sentences, what will be different for the people you support if the\npartnership works. If you cannot agree on that sentence, you are not ready to agree on anything else.\n\n# Questions to ask each possible partner\n\n- **Why do you want this?** Funding is a fair reason, but it should not be the only one.\n- **Who will do the work?** Name the people, and check they have the time. A partnership staffed\n  by goodwill alone runs out quickly.\n- **What do you bring, and what do you need?** Small groups often bring trust and local knowledge;\n  larger ones bring systems and capacity. Say both out loud.\n- **How do you make decisions?** A trustee board that meets quarterly and a council team with\n  delegated budgets will move at different speeds.\n- **What would make you walk away?** It is easier to talk about this now than later.\n\n# Count the cost\n\nMeetings, shared reporting, data agreements and joint training all take time. A common mistake is\nto budget for delivery and nothing for the partnership itself. Set aside some of every partner's\ntime for coordination, and fund it if you can.\n\n# It is fine to say no\n\nDeciding not to partner — or to work together informally first — is a good outcome when the fit is\nnot right. A short trial project is often a better test than a long bid.", "choosing-partners,basic-principles,timing", "", "deciding-whether-to-partner", 10, "Deciding", "Questions to answer honestly before you commit: why partner, with whom, and at what cost.", "Deciding whether to work in partnership", 639032004000000000L, null, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000002"), "The first few months set habits that are hard to change. Most of the problems partnerships describe\nafterwards — missed referrals, crossed wires, awkward disputes — trace back to something that was\nnever agreed at the start.\n\n# Agree how you will communicate\n\nChoose the channels you will use for what: e-mail for decisions, a shared calendar for sessions,\na phone call for anything urgent. Agree how quickly people should reply, and who to contact when\nthe usual person is away.\n\n# Agree your words\n\nPartners often use the same word for different things. \"Referral\", \"case\", \"client\", \"member\",\n\"volunteer\" and \"session\" can each mean something different in each organisation. Write a short\nglossary and keep it with your partnership agreement.\n\n# Compare your policies\n\nPut your safeguarding, data protection, lone working, complaints and expenses policies side by side.\nWhere they differ, decide which applies to shared work, or write a joint one. Do not assume the\nlead partner's policy covers everyone.\n\n# Share consent and referral paperwork\n\nAgree one consent form for shared work, so people are asked once and know exactly who will see\ntheir information. Agree what a referral must contain and how you will tell the referrer what happened.\n\n# Plan for closures and absences\n\nHolidays, school terms, staff leave and office closures will affect delivery. Put them in a shared\ncalendar now and agree cover, so nobody is left waiting on a closed door.\n\n# Write it down\n\nA short partnership agreement — purpose, roles, decision-making, money, data, how disagreements are\nresolved and how a partner can leave — is worth more than a long one nobody reads. Use the\n\"Setting up\" checklist to work through it together.", "communication,systems-and-processes,partnership-relationships", "", "setting-up-a-partnership", 20, "SettingUp", "Agree how you will talk, decide, share information and handle problems before delivery starts.", "Setting up: the agreements that save trouble later", 639032004000000000L, null, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000003"), "Once delivery starts, attention naturally moves to the work itself. The partnership still needs\nlooking after, in the same way a team does.\n\n# Check in on the partnership, not only the work\n\nAt least every few months, spend part of a meeting on how the partnership is going: is the workload\nfair, are decisions being made in the right place, does everyone feel heard? A short anonymous\nsurvey can surface things people will not say in the room.\n\n# Watch for early signs of strain\n\n- The same partner is always missing from meetings.\n- Referrals between partners slow down or stop.\n- Decisions are re-opened after they were made.\n- People start copying managers into routine e-mails.\n\nNone of these is a crisis on its own. Together they suggest it is time for an honest conversation.\n\n# Raise problems early and kindly\n\nTalk to the person concerned before raising an issue in a group meeting. Describe what happened and\nits effect, rather than guessing at motives. If that does not resolve it, use the route your\nagreement sets out — and if your agreement has no such route, add one.\n\n# Expect change\n\nStaff leave, funding shifts and organisations restructure. When a key person moves on, make sure\ntheir replacement is introduced to the partnership properly, not just handed a folder.\n\n# Record what you learn as you go\n\nAdd lessons to the library while they are fresh. A two-line note written today is more useful than a\nfull report attempted from memory at the end.", "partnership-relationships,decision-making,communication,organisational-change", "", "keeping-a-partnership-healthy", 30, "During", "Regular check-ins, early warning signs, and how to raise a problem before it becomes a dispute.", "During the partnership: keeping it healthy", 639032004000000000L, null, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000004"), "Every funded partnership ends or changes shape. Ending well protects the people you support, the\nrelationships between organisations, and the learning you have built up.\n\n# Start planning at least six months before the end\n\nDecide early whether you will seek more funding, hand the work to one partner, or close it. Each\nneeds different steps, and all of them take longer than expected.\n\n# Look after the people you support\n\nTell people what is changing, when, and where they can go next. Make warm introductions rather than\nhanding out a list of numbers. Do not take on new people you cannot see through.\n\n# Look after staff and volunteers\n\nBe open about what the end means for jobs and roles. Thank volunteers properly and help them find\nother opportunities if they want them.\n\n# Settle the paperwork\n\nAgree who keeps which records, for how long, and what is deleted. Return or transfer shared\nequipment. Close shared accounts and revoke access to shared systems.\n\n# Keep the learning\n\nHold a final review with every partner. Record what worked, what did not and what you would not try\nagain, and write up your partnership's story so others can build on it.", "timing,funding-and-resources,basic-principles", "", "ending-well", 40, "Ending", "Plan the end from the middle: hand over, tell people, keep what you learned.", "Ending well", 639032004000000000L, null, 0 },
                    { new Guid("0193f0a0-0000-7000-8000-000000000005"), "Schools and colleges can be excellent partners, but they run to a rhythm most voluntary groups are\nnot used to. A little planning avoids most of the frustration.\n\n# Work with the school year\n\nPut term dates, inset days and exam periods in your shared calendar before you plan anything. Summer\nterm is crowded with exams; the first weeks of September are taken up with settling new pupils.\nPlan the main activity for the middle of the autumn and spring terms.\n\n# Find the right person\n\nA head teacher's enthusiasm is not the same as time in a teacher's week. Ask who will actually\norganise sessions, and agree how you will reach them — many teachers only check e-mail at the end\nof the day.\n\n# Safeguarding comes first\n\nAgree who is responsible for pupils at each session, check who needs a DBS certificate, and follow\nthe school's own safeguarding procedures. Name a facilitator for every session with young children\nand have a back-up plan if they cannot come.\n\n# Fit the curriculum where you can\n\nActivities that link to a subject or key stage are easier for a school to justify. Ask which topics\nare coming up and offer to fit around them.\n\n# Keep materials ready\n\nSessions get moved at short notice. Keep a set of back-up activities and materials so a late room\nchange or a missing volunteer does not mean cancelling.", "working-with-schools-and-colleges", "schools,young people,safeguarding", "working-with-schools-and-colleges", 100, null, "Term dates, safeguarding, timetables and who to talk to — what voluntary groups wish they had known.", "Spotlight: working with schools and colleges", 639032004000000000L, null, 0 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_checklist_items_ChecklistId",
                table: "checklist_items",
                column: "ChecklistId");

            migrationBuilder.CreateIndex(
                name: "IX_checklist_items_TickedById",
                table: "checklist_items",
                column: "TickedById");

            migrationBuilder.CreateIndex(
                name: "IX_guidance_articles_Slug",
                table: "guidance_articles",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_guidance_articles_UpdatedById",
                table: "guidance_articles",
                column: "UpdatedById");

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

            migrationBuilder.CreateIndex(
                name: "IX_partnership_checklists_AdoptedById",
                table: "partnership_checklists",
                column: "AdoptedById");

            migrationBuilder.CreateIndex(
                name: "IX_partnership_checklists_PartnershipId",
                table: "partnership_checklists",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_partnership_checklists_TemplateId",
                table: "partnership_checklists",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_partnership_stories_CreatedById",
                table: "partnership_stories",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_partnership_stories_PartnershipId_State",
                table: "partnership_stories",
                columns: new[] { "PartnershipId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_partnership_stories_State_PublishedAt",
                table: "partnership_stories",
                columns: new[] { "State", "PublishedAt" });

            Concord.Web.Features.Lessons.LessonSearchSchema.Up(migrationBuilder, isPostgres: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Concord.Web.Features.Lessons.LessonSearchSchema.Down(migrationBuilder, isPostgres: false);

            migrationBuilder.DropTable(
                name: "checklist_items");

            migrationBuilder.DropTable(
                name: "guidance_articles");

            migrationBuilder.DropTable(
                name: "lesson_tags");

            migrationBuilder.DropTable(
                name: "partnership_stories");

            migrationBuilder.DropTable(
                name: "partnership_checklists");

            migrationBuilder.DropTable(
                name: "lessons");

            migrationBuilder.DropTable(
                name: "checklist_templates");

            migrationBuilder.DropTable(
                name: "lesson_categories");

            migrationBuilder.DropTable(
                name: "lesson_collection_links");
        }
    }
}
