using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Guidance;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Stories;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Guidance;

[Collection(AppCollection.Name)]
public sealed class GuidanceTests(AppFixture fixture)
{
    private sealed record Setup(ApiPerson Coordinator, ApiPerson Staff, ApiPerson Observer, Guid PartnershipId, string PartnershipName, string OrganisationName);

    private static async Task<Setup> PartnershipAsync(ConcordFactory app)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app, name: "Coordinator " + Guid.NewGuid().ToString("N")[..6]);
        var staff = await ApiTestPeople.CreateAsync(app, name: "Staff " + Guid.NewGuid().ToString("N")[..6]);
        var observer = await ApiTestPeople.CreateAsync(app, name: "Observer " + Guid.NewGuid().ToString("N")[..6]);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Admin), (staff, OrganisationRole.Staff));
        var name = "Partnership " + Guid.NewGuid().ToString("N")[..10];
        var response = await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new { name, purpose = "Testing guidance", leadOrganisationId = organisationId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var organisationName = await app.WithDbAsync(async db =>
        {
            db.Add(new PartnershipMembership { PartnershipId = id, AccountId = staff.Id, Role = PartnershipRole.Staff, OrganisationId = organisationId, CreatedAt = DateTimeOffset.UtcNow });
            db.Add(new PartnershipMembership { PartnershipId = id, AccountId = observer.Id, Role = PartnershipRole.Observer, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            return await db.Set<Organisation>().Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync();
        });
        return new Setup(coordinator, staff, observer, id, name, organisationName);
    }

    [Theory, BothDatabases]
    public async Task Every_member_reads_the_seeded_guidance_and_only_the_learning_team_edits_it(Db db)
    {
        var app = await fixture.ForAsync(db);
        var member = await ApiTestPeople.CreateAsync(app);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);

        var list = await JsonAsync(await member.Api.GetAsync("/api/v1/guidance"), HttpStatusCode.OK);
        var stages = list.EnumerateArray().Select(a => a.GetProperty("stage").GetString() ?? "Spotlight").ToHashSet();
        Assert.Superset(new HashSet<string> { "Deciding", "SettingUp", "During", "Ending", "Spotlight" }, stages);

        var browser = await SignInAsync(app, member);
        var index = await browser.GetStringAsync("/guidance");
        Assert.Contains("Spotlight: working with schools and colleges", index, StringComparison.Ordinal);
        var article = await browser.GetStringAsync($"/guidance/{DefaultGuidance.SettingUpSlug}");
        Assert.Contains("<h2>Agree your words</h2>", article, StringComparison.Ordinal);
        Assert.DoesNotContain("Change this article", article, StringComparison.Ordinal);
        AssertForbidden(await browser.GetAsync($"/guidance/{DefaultGuidance.SettingUpSlug}/edit"));
        AssertForbidden(await browser.GetAsync("/guidance/new"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/guidance/no-such-article")).StatusCode);

        var current = await JsonAsync(await member.Api.GetAsync($"/api/v1/guidance/{DefaultGuidance.SettingUpSlug}"), HttpStatusCode.OK);
        var version = current.GetProperty("version").GetInt32();
        var change = new { title = "Setting up well", body = "# Start here\n\n<script>alert(1)</script> Agree **everything**.", stage = "Setting up", version };
        await JsonAsync(await member.Api.PutAsJsonAsync($"/api/v1/guidance/{DefaultGuidance.SettingUpSlug}", change), HttpStatusCode.Forbidden);

        var saved = await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/guidance/{DefaultGuidance.SettingUpSlug}", change), HttpStatusCode.OK);
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
        Assert.DoesNotContain("<script>", saved.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains("<strong>everything</strong>", saved.GetProperty("bodyHtml").GetString(), StringComparison.Ordinal);
        await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/guidance/{DefaultGuidance.SettingUpSlug}", change), HttpStatusCode.Conflict);

        var openApi = await member.Api.GetStringAsync("/openapi/v1.json");
        foreach (var path in new[] { "/api/v1/guidance", "/api/v1/partnerships/{id}/checklists/{checklistId}/ticks", "/api/v1/partnerships/{id}/stories", "/api/v1/reports/learning/sector" })
        {
            Assert.Contains($"\"{path}\"", openApi, StringComparison.Ordinal);
        }

        var invalid = await JsonAsync(await learning.Api.PostAsJsonAsync("/api/v1/guidance", new { title = "", body = "", stage = "Sometime" }), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("stage", out _));
        Assert.True(invalid.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Theory, BothDatabases]
    public async Task A_stale_edit_of_a_checklist_template_shows_the_conflict_page_and_saves_nothing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var member = await ApiTestPeople.CreateAsync(app);
        var template = DefaultGuidance.Checklists[2];
        var url = $"/guidance/checklists/{template.Id}/edit";

        var memberBrowser = await SignInAsync(app, member);
        AssertForbidden(await memberBrowser.GetAsync(url));

        var browser = await SignInAsync(app, learning);
        var token = await AntiforgeryTokenAsync(browser, url);
        var version = await app.WithDbAsync(d => d.Set<ChecklistTemplate>().Where(t => t.Id == template.Id).Select(t => t.Version).SingleAsync());
        var first = PostFormAsync(browser, url, token, ("Input.Title", "Ending the partnership well"), ("Input.Stage", "Ending"), ("Input.Items", "One\nTwo"), ("Input.Version", version.ToString()));
        await AssertRedirectAsync(first);

        var stale = await PostFormAsync(browser, url, token, ("Input.Title", "Someone else's title"), ("Input.Stage", "Ending"), ("Input.Items", "Three"), ("Input.Version", version.ToString()));
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this checklist", html, StringComparison.Ordinal);
        Assert.Contains("Your version and the saved version", html, StringComparison.Ordinal);
        var saved = await app.WithDbAsync(d => d.Set<ChecklistTemplate>().AsNoTracking().SingleAsync(t => t.Id == template.Id));
        Assert.Equal(("Ending the partnership well", "One\nTwo"), (saved.Title, saved.Items));

        await JsonAsync(await member.Api.PutAsJsonAsync($"/api/v1/checklist-templates/{template.Id}", new { title = "x", items = "y", version = saved.Version }), HttpStatusCode.Forbidden);
        await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/checklist-templates/{template.Id}", new { title = "x", items = "y", version = version }), HttpStatusCode.Conflict);
    }

    [Theory, BothDatabases]
    public async Task Members_tick_checklist_items_and_the_partnership_page_shows_progress(Db db)
    {
        var app = await fixture.ForAsync(db);
        var s = await PartnershipAsync(app);
        var other = await PartnershipAsync(app);
        var templateId = DefaultGuidance.Checklists[0].Id;
        var total = DefaultGuidance.Checklists[0].ItemList.Count;

        await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/checklists", new { templateId }), HttpStatusCode.Forbidden);
        await JsonAsync(await other.Coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/checklists", new { templateId }), HttpStatusCode.NotFound);
        var checklist = await JsonAsync(await s.Coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/checklists", new { templateId }), HttpStatusCode.Created);
        var checklistId = checklist.GetProperty("id").GetGuid();
        var itemId = checklist.GetProperty("items")[0].GetProperty("id").GetGuid();
        await JsonAsync(await s.Coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/checklists", new { templateId }), HttpStatusCode.BadRequest);

        var ticksUrl = $"/api/v1/partnerships/{s.PartnershipId}/checklists/{checklistId}/ticks";
        await JsonAsync(await s.Observer.Api.PostAsJsonAsync(ticksUrl, new { itemId, done = true }), HttpStatusCode.Forbidden);
        await JsonAsync(await other.Staff.Api.PostAsJsonAsync(ticksUrl, new { itemId, done = true }), HttpStatusCode.NotFound);
        await JsonAsync(await other.Coordinator.Api.GetAsync($"/api/v1/partnerships/{s.PartnershipId}/checklists/{checklistId}"), HttpStatusCode.NotFound);
        await JsonAsync(await s.Staff.Api.PostAsJsonAsync(ticksUrl, new { itemId = Guid.NewGuid(), done = true }), HttpStatusCode.BadRequest);

        var ticked = await JsonAsync(await s.Staff.Api.PostAsJsonAsync(ticksUrl, new { itemId, done = true, note = "Agreed at the first meeting" }), HttpStatusCode.OK);
        Assert.Equal(1, ticked.GetProperty("done").GetInt32());
        var item = ticked.GetProperty("items")[0];
        Assert.Equal(s.Staff.Id, item.GetProperty("tickedById").GetGuid());
        Assert.Equal("Agreed at the first meeting", item.GetProperty("note").GetString());

        // The page form ticks the second item; the partnership page shows the progress.
        var browser = await SignInAsync(app, s.Staff);
        var pageUrl = $"/partnerships/{s.PartnershipId}/checklists/{checklistId}";
        var token = await AntiforgeryTokenAsync(browser, pageUrl);
        var secondId = checklist.GetProperty("items")[1].GetProperty("id").GetString()!;
        await AssertRedirectAsync(PostFormAsync(browser, pageUrl + "?handler=Tick", token, ("itemId", secondId), ("ticked", "true"), ("note", "")));
        var details = await browser.GetStringAsync($"/partnerships/{s.PartnershipId}");
        Assert.Contains($"2 of {total} done", details, StringComparison.Ordinal);

        var observerBrowser = await SignInAsync(app, s.Observer);
        var observerToken = await AntiforgeryTokenAsync(observerBrowser, $"/partnerships/{s.PartnershipId}");
        AssertForbidden(await PostFormAsync(observerBrowser, pageUrl + "?handler=Tick", observerToken, ("itemId", secondId), ("ticked", "false")));
        var outsider = await SignInAsync(app, other.Staff);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(pageUrl)).StatusCode);

        var unticked = await JsonAsync(await s.Coordinator.Api.PostAsJsonAsync(ticksUrl, new { itemId, done = false }), HttpStatusCode.OK);
        Assert.Equal(1, unticked.GetProperty("done").GetInt32());
        Assert.Equal(3, await app.WithDbAsync(d => d.Set<Concord.Web.Features.Audit.AuditEntry>().CountAsync(a => a.PartnershipId == s.PartnershipId && a.Action.StartsWith("checklist.item"))));
    }

    [Theory, BothDatabases]
    public async Task A_draft_story_is_seen_only_inside_its_partnership_until_it_is_published(Db db)
    {
        var app = await fixture.ForAsync(db);
        var s = await PartnershipAsync(app);
        var other = await PartnershipAsync(app);

        var created = await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories",
            new { title = "Our first year", background = "Why we started", whatWasDone = "Weekly visits", whatWasLearned = "Start small" }), HttpStatusCode.Created);
        var storyId = created.GetProperty("id").GetGuid();
        Assert.Equal("Draft", created.GetProperty("state").GetString());
        await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories", new { title = "" }), HttpStatusCode.BadRequest);
        await JsonAsync(await s.Observer.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories", new { title = "x", background = "y" }), HttpStatusCode.Forbidden);

        // Another partnership's member: 404 on the partnership's story and in the network list, page and API.
        await JsonAsync(await other.Coordinator.Api.GetAsync($"/api/v1/partnerships/{s.PartnershipId}/stories/{storyId}"), HttpStatusCode.NotFound);
        await JsonAsync(await other.Coordinator.Api.GetAsync($"/api/v1/stories/{storyId}"), HttpStatusCode.NotFound);
        var outsider = await SignInAsync(app, other.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/partnerships/{s.PartnershipId}/stories/{storyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/stories/{storyId}")).StatusCode);
        Assert.DoesNotContain("Our first year", await outsider.GetStringAsync("/stories"), StringComparison.Ordinal);

        var member = await SignInAsync(app, s.Observer);
        Assert.Contains("Our first year", await member.GetStringAsync($"/partnerships/{s.PartnershipId}/stories/{storyId}"), StringComparison.Ordinal);

        // Staff write drafts but do not publish (the Publish operation); the coordinator publishes through the page.
        await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories/{storyId}/state",
            new { state = "Published", version = created.GetProperty("version").GetInt32() }), HttpStatusCode.Forbidden);
        var browser = await SignInAsync(app, s.Coordinator);
        var pageUrl = $"/partnerships/{s.PartnershipId}/stories/{storyId}";
        var token = await AntiforgeryTokenAsync(browser, pageUrl);
        await AssertRedirectAsync(PostFormAsync(browser, pageUrl + "?handler=State", token, ("state", "Published"), ("version", created.GetProperty("version").GetInt32().ToString())));
        Assert.Contains("Start small", await outsider.GetStringAsync($"/stories/{storyId}"), StringComparison.Ordinal);
        var published = await JsonAsync(await other.Coordinator.Api.GetAsync($"/api/v1/stories/{storyId}"), HttpStatusCode.OK);
        Assert.Equal("Published", published.GetProperty("state").GetString());
        await JsonAsync(await other.Coordinator.Api.GetAsync($"/api/v1/partnerships/{s.PartnershipId}/stories/{storyId}"), HttpStatusCode.NotFound);

        // Only the learning team selects stories for reports.
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        await JsonAsync(await s.Coordinator.Api.PutAsJsonAsync($"/api/v1/stories/{storyId}/selection", new { selected = true }), HttpStatusCode.Forbidden);
        var selected = await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/stories/{storyId}/selection", new { selected = true }), HttpStatusCode.OK);
        Assert.True(selected.GetProperty("selectedForReports").GetBoolean());
        var report = await JsonAsync(await learning.Api.GetAsync("/api/v1/reports/learning/practitioners"), HttpStatusCode.OK);
        Assert.Contains(report.GetProperty("stories").EnumerateArray(), st => st.GetProperty("title").GetString() == "Our first year");
    }

    private static async Task SeedLessonsAsync(ConcordFactory app, Setup a, Setup b)
    {
        await app.WithDbAsync(async db =>
        {
            var category = await db.Set<LessonCategoryEntry>().FirstAsync(c => c.Slug == "communication");
            var now = DateTimeOffset.UtcNow;
            Lesson L(Setup s, string title, LessonKind kind, LessonVisibility visibility, string? recommendation, params string[] tags)
            {
                var lesson = new Lesson
                {
                    Title = title,
                    LibraryTitle = title,
                    LibraryText = title,
                    Kind = kind,
                    Visibility = visibility,
                    Moderation = ModerationState.Published,
                    CategoryId = category.Id,
                    Stage = PartnershipStage.SettingUp,
                    Recommendation = recommendation,
                    PartnershipId = s.PartnershipId,
                    PartnershipType = "Befriending",
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                lesson.Tags.AddRange(tags.Select(t => new LessonTag { LessonId = lesson.Id, Tag = t }));
                return lesson;
            }

            db.AddRange(
                L(a, $"Glossary helped {a.PartnershipName}", LessonKind.WorkedWell, LessonVisibility.Network, "Agree a shared glossary of terms early", "glossary", a.PartnershipName.ToLowerInvariant()),
                L(b, $"Shared words at {b.OrganisationName}", LessonKind.WorkedWell, LessonVisibility.Public, "Agree a shared glossary of terms before starting", "glossary", b.PartnershipName.ToLowerInvariant()),
                L(a, "Too many channels", LessonKind.DidNotWork, LessonVisibility.Network, null, "glossary"),
                L(b, "Secret partnership-only lesson", LessonKind.WouldNotTryAgain, LessonVisibility.Partnership, null, "glossary"));
            await db.SaveChangesAsync();
        });
    }

    [Theory, BothDatabases]
    public async Task The_sector_report_counts_only_shared_lessons_and_names_no_partnership_or_organisation(Db db)
    {
        var app = await fixture.ForAsync(db);
        var a = await PartnershipAsync(app);
        var b = await PartnershipAsync(app);
        await SeedLessonsAsync(app, a, b);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);

        // Everyone in the network reads the reports (issue 10 #4; the roles are in Reports/ReportsAccessTests).
        await JsonAsync(await a.Coordinator.Api.GetAsync("/api/v1/reports/learning/sector"), HttpStatusCode.OK);
        var json = await learning.Api.GetAsync("/api/v1/reports/learning/sector?category=communication");
        var text = await json.Content.ReadAsStringAsync();
        var report = await JsonAsync(json, HttpStatusCode.OK);
        Assert.True(report.GetProperty("lessonCount").GetInt32() >= 3);
        Assert.DoesNotContain("Secret partnership-only lesson", text, StringComparison.Ordinal);
        var browser = await SignInAsync(app, learning);
        var page = await browser.GetStringAsync("/reports/learning/sector?category=communication");
        foreach (var name in new[] { a.PartnershipName, b.PartnershipName, a.OrganisationName, b.OrganisationName })
        {
            Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, page, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("Lessons by category and kind (the numbers in the chart)", page, StringComparison.Ordinal);
        await JsonAsync(await learning.Api.GetAsync("/api/v1/reports/learning/sector?from=2026-05-02&to=2026-05-01"), HttpStatusCode.BadRequest);
        var invalid = await browser.GetStringAsync("/reports/learning/sector?from=2026-05-02&to=2026-05-01");
        Assert.Contains("The end of the date range must be on or after its start", invalid, StringComparison.Ordinal);

        var practitioners = await JsonAsync(await learning.Api.GetAsync("/api/v1/reports/learning/practitioners?category=communication"), HttpStatusCode.OK);
        Assert.Contains(practitioners.GetProperty("strongestRecommendations").EnumerateArray(), r => r.GetProperty("text").GetString()!.Contains("glossary", StringComparison.Ordinal));
        Assert.DoesNotContain("Secret partnership-only lesson", practitioners.ToString(), StringComparison.Ordinal);
        // Kinds come out as words, as everywhere else in the API.
        var kinds = practitioners.GetProperty("byCategory").EnumerateArray().SelectMany(c => c.GetProperty("byKind").EnumerateArray()).Select(k => k.GetProperty("kind")).ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.True(k.ValueKind == System.Text.Json.JsonValueKind.String && Enum.TryParse<LessonKind>(k.GetString(), out _), k.ToString()));

        var member = await SignInAsync(app, a.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/reports/learning/practitioners")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/reports/learning/sector?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task Both_reports_download_as_PDF_with_pages()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var a = await PartnershipAsync(app);
        var b = await PartnershipAsync(app);
        await SeedLessonsAsync(app, a, b);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var browser = await SignInAsync(app, learning);
        foreach (var report in new[] { "practitioners", "sector" })
        {
            var response = await browser.GetAsync($"/reports/learning/{report}?handler=Pdf&from=2020-01-01");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = PdfText.Of(await response.Content.ReadAsByteArrayAsync());
            Assert.NotEmpty(pdf.Pages);
            if (report == "practitioners")
            {
                Assert.StartsWith(Concord.Web.Features.Reports.LearningReports.PractitionersTitle, pdf.Title, StringComparison.Ordinal);
                Assert.Contains(Concord.Web.Features.Reports.LearningReports.PractitionersTitle, pdf.Pages[0], StringComparison.Ordinal);
                Assert.Contains("Lessons by category", pdf.All, StringComparison.Ordinal);
                Assert.Contains("The strongest recommendations", pdf.All, StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith(Concord.Web.Features.Reports.LearningReports.SectorTitle, pdf.Title, StringComparison.Ordinal);
                Assert.Contains(Concord.Web.Features.Reports.LearningReports.SectorTitle, pdf.Pages[0], StringComparison.Ordinal);
                Assert.Contains("Lessons by category and partnership stage", pdf.All, StringComparison.Ordinal);
                // The sector report is anonymous: no partnership or organisation is named, and nothing private is counted.
                foreach (var name in new[] { a.PartnershipName, b.PartnershipName, a.OrganisationName, b.OrganisationName })
                {
                    Assert.DoesNotContain(name, pdf.All, StringComparison.OrdinalIgnoreCase);
                }

                Assert.DoesNotContain("Secret partnership-only lesson", pdf.All, StringComparison.Ordinal);
            }
        }
    }

    [Theory, BothDatabases]
    public async Task An_article_links_to_related_lessons_the_reader_may_see_and_no_others(Db db)
    {
        var app = await fixture.ForAsync(db);
        var a = await PartnershipAsync(app);
        var b = await PartnershipAsync(app);
        await SeedLessonsAsync(app, a, b);
        var reader = await PartnershipAsync(app);
        var browser = await SignInAsync(app, reader.Staff);
        var page = await browser.GetStringAsync($"/guidance/{DefaultGuidance.DuringSlug}");
        Assert.Contains("Too many channels", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret partnership-only lesson", page, StringComparison.Ordinal);
        var lessonId = await app.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Title == "Too many channels" && l.PartnershipId == a.PartnershipId).Select(l => l.Id).SingleAsync());
        Assert.Contains($"href=\"/lessons/{lessonId}\"", page, StringComparison.Ordinal);

        var api = await JsonAsync(await reader.Staff.Api.GetAsync($"/api/v1/guidance/{DefaultGuidance.DuringSlug}"), HttpStatusCode.OK);
        var titles = api.GetProperty("relatedLessons").EnumerateArray().Select(l => l.GetProperty("title").GetString()).ToList();
        Assert.Contains("Too many channels", titles);
        Assert.DoesNotContain("Secret partnership-only lesson", titles);
    }

    [Theory, BothDatabases]
    public async Task A_stale_story_edit_is_refused_with_both_versions_and_observers_cannot_edit(Db db)
    {
        var app = await fixture.ForAsync(db);
        var s = await PartnershipAsync(app);
        var created = await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories",
            new { title = "Draft one", background = "Background" }), HttpStatusCode.Created);
        var storyId = created.GetProperty("id").GetGuid();
        var version = created.GetProperty("version").GetInt32();
        var url = $"/partnerships/{s.PartnershipId}/stories/{storyId}/edit";

        var observer = await SignInAsync(app, s.Observer);
        AssertForbidden(await observer.GetAsync(url));

        await JsonAsync(await s.Coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories/{storyId}",
            new { title = "Coordinator's title", background = "Background", version }), HttpStatusCode.OK);

        var browser = await SignInAsync(app, s.Staff);
        var token = await AntiforgeryTokenAsync(browser, url);
        var stale = await PostFormAsync(browser, url, token, ("Input.Title", "Staff title"), ("Input.Background", "Changed"), ("Input.Version", version.ToString()));
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this story", html, StringComparison.Ordinal);
        Assert.Equal("Coordinator's title", await app.WithDbAsync(d => d.Set<PartnershipStory>().Where(x => x.Id == storyId).Select(x => x.Title).SingleAsync()));
        await JsonAsync(await s.Staff.Api.PutAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories/{storyId}",
            new { title = "Staff title", background = "Changed", version }), HttpStatusCode.Conflict);
    }

    [Theory, BothDatabases]
    public async Task A_stale_article_edit_writes_nothing_and_answers_409_with_the_saved_version_on_the_page_and_in_the_API(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var slug = DefaultGuidance.EndingSlug;
        var version = await app.WithDbAsync(d => d.Set<GuidanceArticle>().Where(a => a.Slug == slug).Select(a => a.Version).SingleAsync());
        var current = await JsonAsync(await learning.Api.GetAsync($"/api/v1/guidance/{slug}"), HttpStatusCode.OK);

        // Someone else saves first.
        await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/guidance/{slug}",
            new { title = "Ending well, first edit", body = "First body", stage = "Ending", version }), HttpStatusCode.OK);

        var browser = await SignInAsync(app, learning);
        var url = $"/guidance/{slug}/edit";
        var token = await AntiforgeryTokenAsync(browser, url);
        var stale = await PostFormAsync(browser, url, token, ("Input.Title", "My late title"), ("Input.Stage", "Ending"), ("Input.Body", "My body"),
            ("Input.Slug", slug), ("Input.Version", version.ToString()));
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Your version and the saved version", html, StringComparison.Ordinal);
        Assert.Contains("Ending well, first edit", html, StringComparison.Ordinal);
        Assert.Contains("My late title", html, StringComparison.Ordinal);

        var problem = await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/guidance/{slug}",
            new { title = "API late title", body = "API body", stage = "Ending", version }), HttpStatusCode.Conflict);
        Assert.Equal("Ending well, first edit", problem.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal(version + 1, problem.GetProperty("current").GetProperty("version").GetInt32());
        var saved = await app.WithDbAsync(d => d.Set<GuidanceArticle>().AsNoTracking().SingleAsync(a => a.Slug == slug));
        Assert.Equal(("Ending well, first edit", version + 1), (saved.Title, saved.Version));
        Assert.NotEqual(current.GetProperty("title").GetString(), saved.Title);

        // A change without the version read is a field error, not a silent overwrite.
        var missing = await JsonAsync(await learning.Api.PutAsJsonAsync($"/api/v1/guidance/{slug}", new { title = "x", body = "y", stage = "Ending" }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Theory, BothDatabases]
    public async Task A_stale_story_or_template_edit_in_the_API_carries_the_saved_record_as_current(Db db)
    {
        var app = await fixture.ForAsync(db);
        var s = await PartnershipAsync(app);
        var created = await JsonAsync(await s.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{s.PartnershipId}/stories",
            new { title = "First title", background = "Background" }), HttpStatusCode.Created);
        var storyUrl = $"/api/v1/partnerships/{s.PartnershipId}/stories/{created.GetProperty("id").GetGuid()}";
        var version = created.GetProperty("version").GetInt32();
        await JsonAsync(await s.Coordinator.Api.PutAsJsonAsync(storyUrl, new { title = "Coordinator's title", background = "B", version }), HttpStatusCode.OK);
        var problem = await JsonAsync(await s.Staff.Api.PutAsJsonAsync(storyUrl, new { title = "Staff title", background = "B", version }), HttpStatusCode.Conflict);
        Assert.Equal("Coordinator's title", problem.GetProperty("current").GetProperty("title").GetString());
        // Publishing names the version read too: a stale one changes nothing.
        await JsonAsync(await s.Coordinator.Api.PostAsJsonAsync(storyUrl + "/state", new { state = "Published", version }), HttpStatusCode.Conflict);
        var published = await JsonAsync(await s.Coordinator.Api.PostAsJsonAsync(storyUrl + "/state", new { state = "Published", version = version + 1 }), HttpStatusCode.OK);
        Assert.Equal("Published", published.GetProperty("state").GetString());
        // A published story is what the network reads: staff no longer change it.
        await JsonAsync(await s.Staff.Api.PutAsJsonAsync(storyUrl, new { title = "Staff title", background = "B", version = version + 2 }), HttpStatusCode.Forbidden);

        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var template = DefaultGuidance.Checklists[1];
        var templateUrl = $"/api/v1/checklist-templates/{template.Id}";
        var templateVersion = await app.WithDbAsync(d => d.Set<ChecklistTemplate>().Where(t => t.Id == template.Id).Select(t => t.Version).SingleAsync());
        await JsonAsync(await learning.Api.PutAsJsonAsync(templateUrl, new { title = "Checklist, first edit", items = "One", version = templateVersion }), HttpStatusCode.OK);
        var stale = await JsonAsync(await learning.Api.PutAsJsonAsync(templateUrl, new { title = "Checklist, late edit", items = "Two", version = templateVersion }), HttpStatusCode.Conflict);
        Assert.Equal("Checklist, first edit", stale.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal("Checklist, first edit", await app.WithDbAsync(d => d.Set<ChecklistTemplate>().Where(t => t.Id == template.Id).Select(t => t.Title).SingleAsync()));
    }

    [Fact]
    public async Task The_published_stories_list_refuses_a_page_out_of_range_with_a_field_error()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var member = await ApiTestPeople.CreateAsync(app);
        var problem = await JsonAsync(await member.Api.GetAsync("/api/v1/stories?page=2147483647&pageSize=100"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
        var page = await JsonAsync(await member.Api.GetAsync("/api/v1/stories?pageSize=5"), HttpStatusCode.OK);
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
    }
}
