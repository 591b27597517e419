using System.Net;
using System.Text;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Lessons;

[Collection(AppCollection.Name)]
public sealed class LessonsPagesTests(AppFixture fixture)
{
    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}");
        return html;
    }

    [Theory, BothDatabases]
    public async Task A_lesson_is_written_and_published_through_the_pages(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var browser = await SignInAsync(app, team.Staff);
        var token = await AntiforgeryTokenAsync(browser, "/lessons/new");

        var invalid = await PostFormAsync(browser, "/lessons/new", token, ("Input.Title", ""), ("publish", "true"));
        var html = await HtmlAsync(invalid, HttpStatusCode.OK);
        Assert.Contains("Enter a title for the lesson", html);
        Assert.Contains("Choose what sort of lesson this is", html);

        var word = LessonsApiTests.Word();
        var response = await PostFormAsync(browser, "/lessons/new", token,
            ("Input.Title", $"Pair volunteers with staff {word}"), ("Input.Kind", "WorkedWell"), ("Input.WhatHappened", "New volunteers shadowed staff for a month."),
            ("Input.Tags", "volunteers, induction"), ("Input.Stage", "SettingUp"), ("Input.PartnershipId", team.Partnership.Id.ToString()),
            ("Input.Visibility", "Network"), ("publish", "true"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var lesson = await app.WithDbAsync(d => d.Set<Lesson>().Include(l => l.Tags).SingleAsync(l => l.Title == $"Pair volunteers with staff {word}"));
        Assert.Equal($"/lessons/{lesson.Id}", location);
        Assert.Equal(ModerationState.Published, lesson.Moderation);
        Assert.Equal(["induction", "volunteers"], lesson.Tags.Select(t => t.Tag).Order());

        html = await HtmlAsync(await browser.GetAsync(location), HttpStatusCode.OK);
        Assert.Contains("Published", html);
        html = await HtmlAsync(await browser.GetAsync($"/lessons?q={word}"), HttpStatusCode.OK);
        Assert.Contains($"<mark>{word}</mark>", html);

        // Another partnership's member sees a network lesson, but not a partnership-only one.
        var other = await LessonsApiTests.TeamAsync(app);
        var outsider = await SignInAsync(app, other.Staff);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync(location)).StatusCode);
        var secret = await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Inside {word}", whatHappened = "x", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true });
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/lessons/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/lessons/{secret}/edit")).StatusCode);
        html = await HtmlAsync(await outsider.GetAsync($"/lessons?q={word}"), HttpStatusCode.OK);
        Assert.DoesNotContain("Inside", html);
    }

    [Theory, BothDatabases]
    public async Task Lessons_sent_at_an_event_wait_for_moderation_and_a_closed_or_expired_link_says_so(Db db)
    {
        // Its own app, on a clock the test moves on past the form's minimum fill time.
        var time = MovableTime.FollowingTheSystemClock();
        await using var app = await ConcordFactory.CreateAsync(db, services: s => s.AddSingleton<TimeProvider>(time));
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var team = await LessonsApiTests.TeamAsync(app);
        var lt = await SignInAsync(app, learning);
        var token = await AntiforgeryTokenAsync(lt, "/lessons/collection-links");
        var name = "Autumn forum " + LessonsApiTests.Word();
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/collection-links", token, ("Input.Name", name), ("Input.ClosesOn", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd")), ("Input.ClosesAt", "17:00")));
        var link = await app.WithDbAsync(d => d.Set<LessonCollectionLink>().SingleAsync(l => l.Name == name));

        // Only the learning team makes links and moderates.
        var member = await SignInAsync(app, team.Staff);
        AssertForbidden(await member.GetAsync("/lessons/collection-links"));
        AssertForbidden(await member.GetAsync("/lessons/moderation"));

        // No account needed.
        var visitor = app.Browser();
        var form = await HtmlAsync(await visitor.GetAsync($"/lessons/collect/{link.Token}"), HttpStatusCode.OK);
        Assert.Contains(name, form);
        var visitorToken = await AntiforgeryTokenAsync(visitor, $"/lessons/collect/{link.Token}");
        var started = System.Text.RegularExpressions.Regex.Match(form, "name=\"Started\" value=\"([^\"]+)\"").Groups[1].Value;
        (string, string)[] lesson = [("Input.Title", "Name badges help"), ("Input.Kind", "Tip"), ("Input.WhatHappened", "Big name badges got people talking."), ("Input.SubmittedBy", "Ada, a lunch club")];

        // Sent too quickly: refused with a message, nothing saved.
        var quick = await HtmlAsync(await PostFormAsync(visitor, $"/lessons/collect/{link.Token}", visitorToken, [.. lesson, ("Started", WebUtility.HtmlDecode(started))]), HttpStatusCode.OK);
        Assert.Contains("sent very quickly", quick);
        // A made-up start time is refused too.
        await HtmlAsync(await PostFormAsync(visitor, $"/lessons/collect/{link.Token}", visitorToken, [.. lesson, ("Started", "12345")]), HttpStatusCode.OK);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Lesson>().CountAsync(l => l.CollectionLinkId == link.Id)));

        time.Advance(TimeSpan.FromSeconds(3.1));
        // The honeypot: looks as if it worked, nothing saved.
        var bot = await PostFormAsync(visitor, $"/lessons/collect/{link.Token}", visitorToken, [.. lesson, ("Started", WebUtility.HtmlDecode(started)), ("Website", "http://spam.example")]);
        Assert.Equal(HttpStatusCode.Redirect, bot.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Lesson>().CountAsync(l => l.CollectionLinkId == link.Id)));

        var sent = await PostFormAsync(visitor, $"/lessons/collect/{link.Token}", visitorToken, [.. lesson, ("Started", WebUtility.HtmlDecode(started))]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Thank you", await HtmlAsync(await visitor.GetAsync(sent.Headers.Location!.OriginalString), HttpStatusCode.OK));
        var submitted = await app.WithDbAsync(d => d.Set<Lesson>().SingleAsync(l => l.CollectionLinkId == link.Id));
        Assert.Equal(ModerationState.Pending, submitted.Moderation);
        Assert.Null(submitted.AuthorId);

        // Waiting: not in the library for members.
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/lessons/{submitted.Id}")).StatusCode);

        // The learning team approves it as a public lesson in a category.
        var queue = await HtmlAsync(await lt.GetAsync("/lessons/moderation"), HttpStatusCode.OK);
        Assert.Contains("Name badges help", queue);
        var categoryId = await app.WithDbAsync(d => d.Set<LessonCategoryEntry>().Where(c => c.Slug == "communication").Select(c => c.Id).SingleAsync());
        token = await AntiforgeryTokenAsync(lt, "/lessons/moderation");
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", submitted.Id.ToString()), ("decision", "approve"), ("visibility", "Public"), ("categoryId", categoryId.ToString())));
        // Made public: first the moderator reads the version with names taken out, then approves it.
        Assert.Equal(ModerationState.Pending, await app.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Id == submitted.Id).Select(l => l.Moderation).SingleAsync()));
        Assert.Contains("Text the public will read", await HtmlAsync(await lt.GetAsync("/lessons/moderation"), HttpStatusCode.OK));
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/moderation", token, ("lessonId", submitted.Id.ToString()), ("decision", "approve"), ("visibility", "Public"), ("categoryId", categoryId.ToString()),
            ("publicTitle", "Name badges help"), ("publicText", "Big name badges got people talking.")));
        var approved = await app.WithDbAsync(d => d.Set<Lesson>().SingleAsync(l => l.Id == submitted.Id));
        Assert.Equal((ModerationState.Published, LessonVisibility.Public, categoryId), (approved.Moderation, approved.Visibility, approved.CategoryId));
        var seen = await HtmlAsync(await member.GetAsync($"/lessons/{submitted.Id}"), HttpStatusCode.OK);
        Assert.Contains("Name badges help", seen);
        Assert.DoesNotContain("Ada, a lunch club", seen);

        // Close the link: the page says so, and nothing more is taken.
        token = await AntiforgeryTokenAsync(lt, "/lessons/collection-links");
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/collection-links?handler=Close", token, ("linkId", link.Id.ToString())));
        var closed = await HtmlAsync(await visitor.GetAsync($"/lessons/collect/{link.Token}"), HttpStatusCode.Gone);
        Assert.Contains("This link has been closed", closed);
        await HtmlAsync(await PostFormAsync(visitor, $"/lessons/collect/{link.Token}", visitorToken, [.. lesson, ("Started", WebUtility.HtmlDecode(started))]), HttpStatusCode.Gone);
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Lesson>().CountAsync(l => l.CollectionLinkId == link.Id)));

        // An expired link says so; an unknown one is simply not found.
        await app.WithDbAsync(async d =>
        {
            d.Add(new LessonCollectionLink { Name = "Old event", Token = "expired-" + link.Token, ClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1), CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) });
            await d.SaveChangesAsync();
        });
        Assert.Contains("This link has expired", await HtmlAsync(await visitor.GetAsync($"/lessons/collect/expired-{link.Token}"), HttpStatusCode.Gone));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/lessons/collect/no-such-link")).StatusCode);
    }

    [Fact]
    public async Task Sending_the_event_form_is_rate_limited_but_opening_it_is_not()
    {
        await using var app = await ConcordFactory.CreateAsync(Db.Sqlite, settings: new Dictionary<string, string?> { ["RateLimits:public-form"] = "3" });
        await app.WithDbAsync(async d =>
        {
            d.Add(new LessonCollectionLink { Name = "Busy event", Token = "busy-event", ClosesAt = DateTimeOffset.UtcNow.AddDays(1), CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        var visitor = app.Browser();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/lessons/collect/busy-event")).StatusCode);
        }

        // Only sending counts (here without a form token, so each is refused, but counted).
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await visitor.PostAsync("/lessons/collect/busy-event", new FormUrlEncodedContent([]))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.PostAsync("/lessons/collect/busy-event", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/lessons/collect/busy-event")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_csv_import_shows_every_row_problem_and_saves_all_or_nothing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var browser = await SignInAsync(app, team.Coordinator);
        var word = LessonsApiTests.Word();
        var bad = $"Title,Kind,What happened,Category,Tags\r\nFirst {word},Worked well,It went fine,Communication,a\r\n,Tip,No title here,,\r\nThird {word},Brilliant,Unknown kind,,\r\n";
        var good = bad.Replace($",Tip,No title here", $"Second {word},Tip,Now it has a title").Replace("Brilliant", "Did not work");

        async Task<string> PreviewAsync(string csv)
        {
            var token = await AntiforgeryTokenAsync(browser, "/lessons/import");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "lessons.csv" },
                { new StringContent(team.Partnership.Id.ToString()), "PartnershipId" },
                { new StringContent("Network"), "Visibility" },
            };
            return await HtmlAsync(await browser.PostAsync("/lessons/import?handler=Preview", content), HttpStatusCode.OK);
        }

        var preview = await PreviewAsync(bad);
        Assert.Contains("Nothing can be imported", preview);
        Assert.Contains("2 of 3 rows have problems", preview);
        Assert.DoesNotContain("handler=Confirm", preview);

        // Posting the bad file's content to the confirm step anyway saves nothing, not even the good row.
        var confirmToken = await AntiforgeryTokenAsync(browser, "/lessons/import");
        var refused = await HtmlAsync(await PostFormAsync(browser, "/lessons/import?handler=Confirm", confirmToken,
            ("FileContent", Convert.ToBase64String(Encoding.UTF8.GetBytes(bad))), ("PartnershipId", team.Partnership.Id.ToString()), ("Visibility", "Network")), HttpStatusCode.OK);
        Assert.Contains("Nothing was imported", refused);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Lesson>().CountAsync(l => l.Title.EndsWith(word))));

        preview = await PreviewAsync(good);
        Assert.Contains("3 lessons are ready to import", preview);
        var content64 = System.Text.RegularExpressions.Regex.Match(preview, "name=\"FileContent\" value=\"([^\"]+)\"").Groups[1].Value;
        await AssertRedirectAsync(PostFormAsync(browser, "/lessons/import?handler=Confirm", confirmToken,
            ("FileContent", WebUtility.HtmlDecode(content64)), ("PartnershipId", team.Partnership.Id.ToString()), ("Visibility", "Network")));
        var imported = await app.WithDbAsync(d => d.Set<Lesson>().Include(l => l.Category).Where(l => l.Title.EndsWith(word)).ToListAsync());
        Assert.Equal(3, imported.Count);
        Assert.All(imported, l => Assert.Equal((ModerationState.Draft, team.Partnership.Id), (l.Moderation, l.PartnershipId!.Value)));
        Assert.Equal("communication", imported.Single(l => l.Title.StartsWith("First", StringComparison.Ordinal)).Category!.Slug);
    }

    [Theory, BothDatabases]
    public async Task An_uncategorised_lesson_gets_suggestions_with_reasons_applied_in_one_click(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var id = await LessonsApiTests.WriteAsync(team.Staff.Api, new
        {
            title = "Newsletters nobody read",
            whatHappened = "We sent a long e-mail newsletter each month. A short phone call and a quick message worked far better to keep partners updated.",
            kind = "DidNotWork",
            partnershipId = team.Partnership.Id,
        });
        var browser = await SignInAsync(app, team.Staff);
        var html = await HtmlAsync(await browser.GetAsync($"/lessons/{id}"), HttpStatusCode.OK);
        Assert.Contains("Use Communication", html);
        var suggestions = await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons/{id}/category-suggestions"), HttpStatusCode.OK);
        var first = suggestions[0];
        Assert.Equal("Communication", first.GetProperty("category").GetString());
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("reason").GetString()));

        var token = await AntiforgeryTokenAsync(browser, $"/lessons/{id}");
        await AssertRedirectAsync(PostFormAsync(browser, $"/lessons/{id}?handler=Category", token, ("categoryId", first.GetProperty("categoryId").GetString()!)));
        Assert.Equal(first.GetProperty("categoryId").GetGuid(), await app.WithDbAsync(d => d.Set<Lesson>().Where(l => l.Id == id).Select(l => l.CategoryId).SingleAsync()));
        html = await HtmlAsync(await browser.GetAsync($"/lessons/{id}"), HttpStatusCode.OK);
        Assert.DoesNotContain("Use Communication", html);

        // Someone who cannot edit the lesson cannot categorise it.
        var other = await SignInAsync(app, (await LessonsApiTests.TeamAsync(app)).Staff);
        token = await AntiforgeryTokenAsync(other, "/lessons");
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(other, $"/lessons/{id}?handler=Category", token, ("categoryId", first.GetProperty("categoryId").GetString()!))).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_learning_team_adds_renames_and_retires_categories(Db db)
    {
        var app = await fixture.ForAsync(db);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var lt = await SignInAsync(app, learning);
        var name = "Digital tools " + LessonsApiTests.Word();
        var token = await AntiforgeryTokenAsync(lt, "/lessons/categories");
        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/categories", token, ("Input.Name", name), ("Input.Description", "Software and apps."), ("Input.Keywords", "app, software")));
        var category = await app.WithDbAsync(d => d.Set<LessonCategoryEntry>().SingleAsync(c => c.Name == name));
        Assert.StartsWith("digital-tools", category.Slug, StringComparison.Ordinal);

        var duplicate = await HtmlAsync(await PostFormAsync(lt, "/lessons/categories", token, ("Input.Name", name.ToUpperInvariant())), HttpStatusCode.OK);
        Assert.Contains("There is already a category with that name", duplicate);

        await AssertRedirectAsync(PostFormAsync(lt, "/lessons/categories", token, ("Input.Id", category.Id.ToString()), ("Input.Version", "0"),
            ("Input.Name", name + " and data"), ("Input.Description", "Software, apps and data."), ("Input.Retired", "true")));
        var saved = await app.WithDbAsync(d => d.Set<LessonCategoryEntry>().SingleAsync(c => c.Id == category.Id));
        Assert.Equal((name + " and data", true), (saved.Name, saved.IsRetired));

        // A retired category is not offered for new lessons.
        var team = await LessonsApiTests.TeamAsync(app);
        var writer = await SignInAsync(app, team.Staff);
        Assert.DoesNotContain(name, await HtmlAsync(await writer.GetAsync("/lessons/new"), HttpStatusCode.OK));
        AssertForbidden(await writer.GetAsync("/lessons/categories"));
    }

    [Theory, BothDatabases]
    public async Task A_partnership_page_suggests_other_partnerships_lessons_for_its_stage(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var other = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        // The test partnership is active, so "during" lessons are suggested; another stage and partnership-only lessons are not.
        await LessonsApiTests.WriteAsync(other.Staff.Api, new { title = $"During {word}", whatHappened = "x", recommendation = "Do it", kind = "Tip", stage = "During", visibility = "Network", publish = true });
        await LessonsApiTests.WriteAsync(other.Staff.Api, new { title = $"Ending {word}", whatHappened = "x", kind = "Tip", stage = "Ending", visibility = "Network", publish = true });
        await LessonsApiTests.WriteAsync(other.Staff.Api, new { title = $"Private {word}", whatHappened = "x", kind = "Tip", stage = "During", partnershipId = other.Partnership.Id, visibility = "Partnership", publish = true });
        var browser = await SignInAsync(app, team.Staff);
        var html = await HtmlAsync(await browser.GetAsync($"/partnerships/{team.Partnership.Id}"), HttpStatusCode.OK);
        Assert.Contains("Lessons that may help now", html);
        Assert.Contains($"During {word}", html);
        Assert.DoesNotContain($"Ending {word}", html);
        Assert.DoesNotContain($"Private {word}", html);
    }
    [Theory, BothDatabases]
    public async Task A_partnership_with_a_late_commitment_is_offered_lessons_about_timing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var other = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var categories = await JsonAsync(await other.Staff.Api.GetAsync("/api/v1/lessons/categories"), HttpStatusCode.OK);
        var timing = categories.EnumerateArray().First(c => c.GetProperty("slug").GetString() == "timing").GetProperty("id").GetGuid();
        await LessonsApiTests.WriteAsync(other.Staff.Api, new { title = $"Deadlines {word}", whatHappened = "We set dates nobody could meet.", kind = "DidNotWork", stage = "Ending", categoryId = timing, visibility = "Network", publish = true });
        var browser = await SignInAsync(app, team.Staff);

        var before = await HtmlAsync(await browser.GetAsync($"/partnerships/{team.Partnership.Id}"), HttpStatusCode.OK);
        Assert.DoesNotContain($"Deadlines {word}", before);

        // A commitment due last week and not done: late without anyone saying so, and the page offers timing lessons.
        await app.WithDbAsync(async d =>
        {
            var partner = await d.Set<Partner>().FirstAsync(p => p.PartnershipId == team.Partnership.Id);
            d.Add(new Concord.Web.Features.Commitments.Commitment
            {
                PartnershipId = team.Partnership.Id,
                What = "Send the referral figures",
                OwnerPartnerId = partner.Id,
                DueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-7)),
                ReportedStatus = Concord.Web.Features.Commitments.CommitmentStatus.OnTrack,
            });
            await d.SaveChangesAsync();
            return 0;
        });
        var after = await HtmlAsync(await browser.GetAsync($"/partnerships/{team.Partnership.Id}"), HttpStatusCode.OK);
        Assert.Contains($"Deadlines {word}", after);
        Assert.Contains("1 commitment is late", after);
    }
}
