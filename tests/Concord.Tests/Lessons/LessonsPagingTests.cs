using System.Net;
using Concord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Lessons;

/// <summary>Issue 10 #1: the library pages through its lessons, and a plain visit shows no error.</summary>
public sealed class LessonsPagingTests(ITestOutputHelper output)
{
    [Theory, BothDatabases]
    public async Task The_second_page_of_the_library_shows_lesson_21_onwards_and_a_plain_visit_has_no_error(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var browser = await SignInAsync(app, team.Staff);

        async Task<int> CountAsync(string url)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
            log.Take();
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(url)).StatusCode);
            return log.Take().Count;
        }

        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"First of all {word}", whatHappened = "x", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Network", publish = true });
        var before = await CountAsync("/lessons");

        for (var i = 2; i <= 25; i++)
        {
            await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Lesson {i:00} {word}", whatHappened = "x", kind = "Tip", tags = new[] { word }, partnershipId = team.Partnership.Id, visibility = "Network", publish = true });
        }

        var after = await CountAsync("/lessons");
        output.WriteLine($"/lessons queries: {before} with one lesson, {after} with twenty-five");
        Assert.Equal(before, after);

        var plain = await (await browser.GetAsync("/lessons")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("There is a problem", plain);
        Assert.DoesNotContain("is not valid", plain);
        Assert.Contains("Page 1 of 2 (25 lessons)", plain);
        Assert.Contains("page=2", plain);

        // Newest first: page 2 holds the 21st to the 25th newest.
        var second = await browser.GetAsync("/lessons?page=2");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var html = await second.Content.ReadAsStringAsync();
        Assert.DoesNotContain("There is a problem", html);
        Assert.Contains("Page 2 of 2", html);
        Assert.Contains($"Lesson 05 {word}", html);
        Assert.Contains($"First of all {word}", html);
        Assert.DoesNotContain($"Lesson 06 {word}", html);
        Assert.DoesNotContain($"Lesson 25 {word}", html);

        // A filter is kept from page to page.
        var tagged = await (await browser.GetAsync($"/lessons?tag={word}")).Content.ReadAsStringAsync();
        Assert.Contains($"tag={word}&amp;page=2", tagged);
        html = await (await browser.GetAsync($"/lessons?tag={word}&page=2")).Content.ReadAsStringAsync();
        // Twenty-four carry the tag: the second page holds the four oldest of them.
        Assert.Contains($"Lesson 05 {word}", html);
        Assert.Contains($"Lesson 02 {word}", html);
        Assert.DoesNotContain($"Lesson 06 {word}", html);
        Assert.DoesNotContain($"First of all {word}", html);

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/lessons?page=0")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_library_page_downloads_what_the_person_may_read_as_CSV_or_JSON(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Inside {word}", whatHappened = "x", kind = "Tip", tags = new[] { "alpha", "beta" }, partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true });
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"For all {word}", whatHappened = "x", kind = "Tip", visibility = "Network", publish = true });
        var stranger = await SignInAsync(app, await ApiTestPeople.CreateAsync(app));
        var member = await SignInAsync(app, team.Staff);

        var csv = await stranger.GetAsync("/lessons/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("lessons.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains($"For all {word}", text);
        Assert.DoesNotContain($"Inside {word}", text);

        var json = await ApiResponses.JsonAsync(await member.GetAsync("/lessons/export?format=json"), HttpStatusCode.OK);
        var inside = Assert.Single(json.EnumerateArray(), r => r.GetProperty("title").GetString() == $"Inside {word}");
        Assert.Equal("alpha, beta", inside.GetProperty("tags").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("/lessons/export?format=xml")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Viewing_an_uncategorised_lesson_does_not_read_the_library_again_for_suggestions(Db db)
    {
        await using var app = await ConcordFactory.CreateAsync(db, services: RequestCommandLog.AddTo);
        var log = app.Services.GetRequiredService<RequestCommandLog>();
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var categories = await ApiResponses.JsonAsync(await team.Staff.Api.GetAsync("/api/v1/lessons/categories"), HttpStatusCode.OK);
        var communication = categories.EnumerateArray().First(c => c.GetProperty("slug").GetString() == "communication").GetProperty("id").GetGuid();
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Agree a glossary {word}", whatHappened = "A shared glossary of terms.", kind = "Tip", categoryId = communication, visibility = "Network", publish = true });
        var uncategorised = await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Glossary of terms {word}", whatHappened = "We wrote a glossary of terms.", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true });
        var browser = await SignInAsync(app, team.Staff);

        async Task<(int Count, string Html)> ViewAsync()
        {
            log.Take();
            var response = await browser.GetAsync($"/lessons/{uncategorised}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (log.Take().Count, await response.Content.ReadAsStringAsync());
        }

        var cold = await ViewAsync();
        Assert.Contains("Use Communication", cold.Html);
        var warm = await ViewAsync();
        Assert.True(warm.Count < cold.Count, $"{warm.Count} queries warm, {cold.Count} cold");
        Assert.Contains("Use Communication", warm.Html);

        // A newly categorised lesson is learned from at once (one read of the examples); then the suggester is kept again.
        await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Speak plainly {word}", whatHappened = "Plain words.", kind = "Tip", categoryId = communication, visibility = "Network", publish = true });
        Assert.Equal(warm.Count + 1, (await ViewAsync()).Count);
        Assert.Equal(warm.Count, (await ViewAsync()).Count);
    }
}
