using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Lessons;

/// <summary>
/// Issue 10 #6 and issue 9: public lessons lose every name Concord knows, the learning team reads and corrects the public
/// version before approving it, a rejection says why, and stale edits of lessons and categories write nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LessonModerationTests(AppFixture fixture)
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}");
        return html;
    }

    [Theory, BothDatabases]
    public async Task A_public_lesson_loses_names_of_organisations_partnerships_and_people_outside_its_partnership(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        // Known to Concord, but nothing to do with the lesson's partnership.
        var elsewhere = await app.CreateOrganisationAsync($"Silverlinks {word}");
        var otherTeam = await LessonsApiTests.TeamAsync(app, $"Kettle and Chat {word}");
        var stranger = await ApiTestPeople.CreateAsync(app, name: $"Ysolde {word}ton");
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var reader = await ApiTestPeople.CreateAsync(app);

        var id = await LessonsApiTests.WriteAsync(team.Coordinator.Api, new
        {
            title = $"Lunches with {otherTeam.OrganisationName} {word}",
            whatHappened = $"Ysolde at {elsewhere.Name} ran it with {otherTeam.OrganisationName}, for {otherTeam.Partnership.Name}. {stranger.Name} kept the list.",
            kind = "WorkedWell",
            partnershipId = team.Partnership.Id,
            visibility = "Public",
            publish = true,
        });
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation", new { decision = "approve" }), HttpStatusCode.OK);

        var seen = await JsonAsync(await reader.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        var text = seen.GetProperty("title").GetString() + "\n" + seen.GetProperty("whatHappened").GetString();
        Assert.DoesNotContain("Silverlinks", text);
        Assert.DoesNotContain("Kettle", text);
        Assert.DoesNotContain(otherTeam.Partnership.Name, text);
        Assert.DoesNotContain("Ysolde", text);
        Assert.Contains($"[person] at [organisation] ran it with [organisation], for [partnership]. [person] kept the list.", text);
    }

    [Theory, BothDatabases]
    public async Task The_learning_team_corrects_the_public_version_and_a_rejection_needs_a_reason_the_author_sees(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var reader = await ApiTestPeople.CreateAsync(app);
        var word = LessonsApiTests.Word();
        object Lesson(string title) => new { title = $"{title} {word}", whatHappened = "The vicar at St Aidan's lent us the hall.", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Public", publish = true };

        // Approve with the moderator's own public version: that is what everyone outside the partnership reads.
        var id = await LessonsApiTests.WriteAsync(team.Coordinator.Api, Lesson("Borrow a hall"));
        var problem = await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation", new { decision = "approve", title = "", text = "x" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation",
            new { decision = "approve", title = $"Borrow a hall {word}", text = "A local church lent us its hall." }), HttpStatusCode.OK);
        var seen = await JsonAsync(await reader.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        Assert.Equal("A local church lent us its hall.", seen.GetProperty("whatHappened").GetString());
        var found = await JsonAsync(await reader.Api.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK);
        Assert.DoesNotContain("Aidan", found.GetProperty("items")[0].GetProperty("snippetHtml").GetString());
        // Deciding again is a conflict: someone already did.
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation", new { decision = "reject", reason = "Too late" }), HttpStatusCode.Conflict);

        // Reject: a reason is required, and the author sees it (page and API); nobody outside does.
        var second = await LessonsApiTests.WriteAsync(team.Coordinator.Api, Lesson("Ask the vicar"));
        problem = await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{second}/moderation", new { decision = "reject" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        var lt = await SignInAsync(app, learning);
        var token = await AntiforgeryTokenAsync(lt, "/lessons/moderation");
        var html = await HtmlAsync(await PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", second.ToString()), ("decision", "reject"), ("reason", "")), HttpStatusCode.OK);
        Assert.Contains("Say why the lesson is not being published", html);
        Assert.Equal(ModerationState.Pending, await app.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Id == second).Select(l => l.Moderation).SingleAsync()));

        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", second.ToString()), ("decision", "reject"), ("reason", "Say which kind of hall, not whose")));
        var own = await JsonAsync(await team.Coordinator.Api.GetAsync($"/api/v1/lessons/{second}"), HttpStatusCode.OK);
        Assert.Equal(("Rejected", "Say which kind of hall, not whose"), (own.GetProperty("moderation").GetString(), own.GetProperty("rejectionReason").GetString()));
        var author = await SignInAsync(app, team.Coordinator);
        Assert.Contains("Say which kind of hall, not whose", await HtmlAsync(await author.GetAsync($"/lessons/{second}"), HttpStatusCode.OK));

        // Sent again: back to the learning team, and the old reason is gone.
        var again = await JsonAsync(await team.Coordinator.Api.PostAsync($"/api/v1/lessons/{second}/publish", null), HttpStatusCode.OK);
        Assert.Equal(("Pending", JsonValueKind.Null), (again.GetProperty("moderation").GetString(), again.GetProperty("rejectionReason").ValueKind));
    }

    [Theory, BothDatabases]
    public async Task On_the_page_an_event_lesson_made_public_shows_its_public_version_before_it_is_published(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var member = await ApiTestPeople.CreateAsync(app, name: "Tamsin Polglase");
        var reader = await ApiTestPeople.CreateAsync(app);
        var word = LessonsApiTests.Word();
        var lesson = new Lesson
        {
            Title = $"Tea after the walk {word}",
            WhatHappened = "Tamsin made tea and everyone stayed to talk.",
            Kind = LessonKind.WorkedWell,
            Visibility = LessonVisibility.Network,
            Moderation = ModerationState.Pending,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        LessonCommands.SetLibraryText(lesson, AnonymisationNames.None);
        await app.WithDbAsync(async d =>
        {
            d.Add(lesson);
            await d.SaveChangesAsync();
        });

        var lt = await SignInAsync(app, learning);
        var token = await AntiforgeryTokenAsync(lt, "/lessons/moderation");
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", lesson.Id.ToString()), ("decision", "approve"), ("visibility", "Public")));
        var waiting = await app.WithDbAsync(d => d.Set<Lesson>().AsNoTracking().SingleAsync(l => l.Id == lesson.Id));
        Assert.Equal((ModerationState.Pending, LessonVisibility.Public), (waiting.Moderation, waiting.Visibility));
        Assert.Equal("[person] made tea and everyone stayed to talk.", waiting.LibraryText);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Api.GetAsync($"/api/v1/lessons/{lesson.Id}")).StatusCode);

        var queue = await HtmlAsync(await lt.GetAsync("/lessons/moderation"), HttpStatusCode.OK);
        Assert.Contains("Text the public will read", queue);
        Assert.Contains("[person] made tea and everyone stayed to talk.", queue);

        // An empty title is refused beside the field, keeping what was typed.
        var html = await HtmlAsync(await PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", lesson.Id.ToString()), ("decision", "approve"), ("visibility", "Public"),
            ("publicTitle", ""), ("publicText", "A volunteer made tea; people stayed to talk.")), HttpStatusCode.OK);
        Assert.Contains("Enter the title the public will read", html);
        Assert.Contains("A volunteer made tea; people stayed to talk.", html);

        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", lesson.Id.ToString()), ("decision", "approve"), ("visibility", "Public"),
            ("publicTitle", $"Tea after the walk {word}"), ("publicText", "A volunteer made tea; people stayed to talk.")));
        var seen = await JsonAsync(await reader.Api.GetAsync($"/api/v1/lessons/{lesson.Id}"), HttpStatusCode.OK);
        Assert.Equal(("Published", "A volunteer made tea; people stayed to talk."), (seen.GetProperty("moderation").GetString(), seen.GetProperty("whatHappened").GetString()));
        Assert.Contains("A volunteer made tea", await HtmlAsync(await (await SignInAsync(app, reader)).GetAsync($"/lessons/{lesson.Id}"), HttpStatusCode.OK));
    }

    [Theory, BothDatabases]
    public async Task A_stale_lesson_edit_writes_nothing_and_answers_409_with_the_saved_lesson(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var id = await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"First words {word}", whatHappened = "Something", kind = "Tip", partnershipId = team.Partnership.Id });
        object Edit(string title, int? version) => new { title, whatHappened = "Something", kind = "Tip", partnershipId = team.Partnership.Id, version };

        var missing = await JsonAsync(await team.Staff.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", Edit("No version", null)), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("version", out _));
        await JsonAsync(await team.Staff.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", Edit($"Second words {word}", 0)), HttpStatusCode.OK);

        // The API: 409 with the saved lesson as current.
        var stale = await JsonAsync(await team.Coordinator.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", Edit("Stale words", 0)), HttpStatusCode.Conflict);
        Assert.Equal($"Second words {word}", stale.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal(1, stale.GetProperty("current").GetProperty("version").GetInt32());

        // The page: 409, both versions side by side, what was typed kept, nothing written.
        var browser = await SignInAsync(app, team.Coordinator);
        var token = await AntiforgeryTokenAsync(browser, $"/lessons/{id}/edit");
        var html = await HtmlAsync(await PostFormAsync(browser, $"/lessons/{id}/edit", token, ("Input.Version", "0"), ("Input.Title", $"Page words {word}"),
            ("Input.Kind", "Tip"), ("Input.WhatHappened", "Something else"), ("Input.PartnershipId", team.Partnership.Id.ToString()), ("Input.Visibility", "Partnership"), ("publish", "false")), HttpStatusCode.Conflict);
        Assert.Contains("Your version and the saved version", html);
        Assert.Contains($"Second words {word}", html);
        Assert.Contains($"Page words {word}", html);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html);
        var saved = await app.WithDbAsync(d => d.Set<Lesson>().AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(($"Second words {word}", "Something", 1), (saved.Title, saved.WhatHappened, saved.Version));

        // Saving again from the saved version replaces it.
        await AssertRedirectAsync(PostFormAsync(browser, $"/lessons/{id}/edit", token, ("Input.Version", "1"), ("Input.Title", $"Page words {word}"),
            ("Input.Kind", "Tip"), ("Input.WhatHappened", "Something else"), ("Input.PartnershipId", team.Partnership.Id.ToString()), ("Input.Visibility", "Partnership"), ("publish", "false")));
        Assert.Equal($"Page words {word}", await app.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Id == id).Select(l => l.Title).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task A_stale_category_edit_writes_nothing_and_shows_both_versions(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var lt = await SignInAsync(app, learning);
        var name = "Transport " + LessonsApiTests.Word();
        var token = await AntiforgeryTokenAsync(lt, "/lessons/categories");
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/categories", token, ("Input.Name", name), ("Input.Description", "Getting people there.")));
        var category = await app.WithDbAsync(d => d.Set<LessonCategoryEntry>().AsNoTracking().SingleAsync(c => c.Name == name));
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/categories", token, ("Input.Id", category.Id.ToString()), ("Input.Version", "0"),
            ("Input.Name", name + " and travel"), ("Input.Description", "Minibuses and lifts.")));

        var html = await HtmlAsync(await PostFormAsync(lt, "/lessons/categories", token, ("Input.Id", category.Id.ToString()), ("Input.Version", "0"),
            ("Input.Name", name + " and parking"), ("Input.Description", "Car parks.")), HttpStatusCode.Conflict);
        Assert.Contains("Your version and the saved version", html);
        Assert.Contains("Minibuses and lifts.", html);
        Assert.Contains("Car parks.", html);
        var saved = await app.WithDbAsync(d => d.Set<LessonCategoryEntry>().AsNoTracking().SingleAsync(c => c.Id == category.Id));
        Assert.Equal((name + " and travel", 1), (saved.Name, saved.Version));
    }

    [Theory, BothDatabases]
    public async Task Suggestions_at_a_stage_are_read_from_an_index_in_the_order_shown(Db db)
    {
        var app = await fixture.ForAsync(db);
        var plan = await app.WithDbAsync(async d =>
        {
            var connection = d.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await connection.OpenAsync();
            }

            await using var command = connection.CreateCommand();
            const string query = """
                SELECT "Id" FROM lessons WHERE "Moderation" = 'Published' AND "Stage" = 'During'
                ORDER BY "HasRecommendation" DESC, "CreatedAt" DESC LIMIT 5
                """;
            if (db == Db.Sqlite)
            {
                command.CommandText = "EXPLAIN QUERY PLAN " + query;
            }
            else
            {
                // A test database is nearly empty: make the planner show whether the index can give the order.
                await using var off = connection.CreateCommand();
                off.CommandText = "SET enable_seqscan = off";
                await off.ExecuteNonQueryAsync();
                command.CommandText = "EXPLAIN " + query;
            }

            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
                }
            }

            if (db != Db.Sqlite)
            {
                await using var reset = connection.CreateCommand();
                reset.CommandText = "RESET enable_seqscan";
                await reset.ExecuteNonQueryAsync();
            }

            return string.Join("\n", lines);
        });

        Assert.Contains("IX_lessons_Moderation_Stage_HasRecommendation_CreatedAt", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
        Assert.DoesNotContain("Sort", plan);
    }
}
