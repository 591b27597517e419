using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Tests.Lessons;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Stories;

namespace Concord.Tests.PublicLibrary;

/// <summary>
/// The public library (/library, /api/v1/public/lessons): anyone without an account reads public, published lessons and
/// published stories — anonymised — and nothing else: every other lesson or story is a 404 exactly like a missing id.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicLibraryTests(AppFixture fixture)
{
    private sealed record Library(LessonsApiTests.Team Team, string Word, Guid Public, Dictionary<string, Guid> Hidden);

    /// <summary>
    /// One lesson for each state the public must never see (draft, waiting, rejected, network, partnership-only), and one
    /// public lesson approved by the learning team; every one names the partnership, its organisation and its coordinator,
    /// and shares one unusual word.
    /// </summary>
    private static async Task<Library> LessonsAsync(ConcordFactory app)
    {
        var team = await LessonsApiTests.TeamAsync(app);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var word = LessonsApiTests.Word();
        Task<Guid> Write(string title, string visibility, bool publish) => LessonsApiTests.WriteAsync(team.Coordinator.Api, new
        {
            title = $"{title} at {team.OrganisationName} {word}",
            whatHappened = $"{team.Partnership.Name} asked Morwenna Tregear to keep one list of drivers. Ring 07700 900123.",
            kind = "WorkedWell",
            partnershipId = team.Partnership.Id,
            visibility,
            publish,
        });

        var published = await Write("One list of drivers", "Public", publish: true);
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{published}/moderation", new { decision = "approve", visibility = "Public" }), HttpStatusCode.OK);
        var rejected = await Write("Rejected lesson", "Public", publish: true);
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{rejected}/moderation", new { decision = "reject", reason = "It names a person who has not agreed to be named" }), HttpStatusCode.OK);
        var hidden = new Dictionary<string, Guid>
        {
            ["draft"] = await Write("Draft lesson", "Public", publish: false),
            ["pending"] = await Write("Waiting lesson", "Public", publish: true),
            ["rejected"] = rejected,
            ["network"] = await Write("Network lesson", "Network", publish: true),
            ["partnership"] = await Write("Partnership lesson", "Partnership", publish: true),
            ["missing"] = Guid.CreateVersion7(),
        };
        return new Library(team, word, published, hidden);
    }

    private static void AssertAnonymised(string text, LessonsApiTests.Team team)
    {
        Assert.DoesNotContain("Morwenna", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tregear", text, StringComparison.Ordinal);
        Assert.DoesNotContain(team.OrganisationName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(team.Partnership.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", text, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Anyone_reads_a_public_published_lesson_anonymised_and_every_other_lesson_is_not_found(Db db)
    {
        var app = await fixture.ForAsync(db);
        var library = await LessonsAsync(app);
        var visitor = app.Browser();

        var response = await visitor.GetAsync($"/library/lessons/{library.Public}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"One list of drivers at {WebUtility.HtmlEncode(LessonAnonymiser.OrganisationPlaceholder)} {library.Word}", html, StringComparison.Ordinal);
        Assert.Contains("keep one list of drivers", html, StringComparison.Ordinal);
        AssertAnonymised(html, library.Team);

        var api = await JsonAsync(await visitor.GetAsync($"/api/v1/public/lessons/{library.Public}"), HttpStatusCode.OK);
        Assert.Equal($"One list of drivers at {LessonAnonymiser.OrganisationPlaceholder} {library.Word}", api.GetProperty("title").GetString());
        Assert.Contains(LessonAnonymiser.PersonPlaceholder, api.GetProperty("text").GetString(), StringComparison.Ordinal);
        AssertAnonymised(api.GetRawText(), library.Team);

        foreach (var (what, id) in library.Hidden)
        {
            var page = await visitor.GetAsync($"/library/lessons/{id}");
            Assert.True(page.StatusCode == HttpStatusCode.NotFound, $"The {what} lesson's public page answered {(int)page.StatusCode}.");
            Assert.DoesNotContain(library.Word, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var problem = await ProblemAsync(await visitor.GetAsync($"/api/v1/public/lessons/{id}"), HttpStatusCode.NotFound);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
        }

        // A signed-in member of the partnership gets the same public page: it shows what the public sees.
        var member = await PageTestPeople.SignInAsync(app, library.Team.Coordinator);
        AssertAnonymised(await (await member.GetAsync($"/library/lessons/{library.Public}")).Content.ReadAsStringAsync(), library.Team);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/library/lessons/{library.Hidden["partnership"]}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_public_search_finds_only_public_published_lessons_with_the_members_filters(Db db)
    {
        var app = await fixture.ForAsync(db);
        var library = await LessonsAsync(app);
        var visitor = app.Browser();

        // Words (ranked search), words with a filter, a filter alone (facets) and the plain newest-first listing.
        foreach (var query in new[] { $"q={library.Word}", $"q={library.Word}&kind=WorkedWell", $"tag=&type=&q={library.Word}+drivers", "kind=WorkedWell&pageSize=100", "pageSize=100" })
        {
            var found = await JsonAsync(await visitor.GetAsync($"/api/v1/public/lessons?{query}"), HttpStatusCode.OK);
            var ids = found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
            Assert.Contains(library.Public, ids);
            Assert.DoesNotContain(ids, library.Hidden.Values.Contains);
            Assert.DoesNotContain(library.Team.OrganisationName, found.GetRawText(), StringComparison.Ordinal);
            if (query.Contains(library.Word, StringComparison.Ordinal))
            {
                Assert.Equal(1, found.GetProperty("total").GetInt32());
                AssertAnonymised(found.GetRawText(), library.Team);
            }
        }

        // A filter that the lesson does not match, and a name that only its raw words contain, find nothing.
        Assert.Equal(0, (await JsonAsync(await visitor.GetAsync($"/api/v1/public/lessons?q={library.Word}&kind=DidNotWork"), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(0, (await JsonAsync(await visitor.GetAsync($"/api/v1/public/lessons?q={library.Word}+Morwenna"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // The page: the match highlighted, the link to the public page, nothing hidden.
        var html = await (await visitor.GetAsync($"/library?q={library.Word}")).Content.ReadAsStringAsync();
        Assert.Contains($"<mark>{library.Word}</mark>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/library/lessons/{library.Public}\"", html, StringComparison.Ordinal);
        Assert.Contains("1 lesson, best match first", html, StringComparison.Ordinal);
        AssertAnonymised(html, library.Team);
        foreach (var id in library.Hidden.Values)
        {
            Assert.DoesNotContain(id.ToString(), html, StringComparison.Ordinal);
        }

        // Bad input is a clear answer, never a 500.
        var problem = await ProblemAsync(await visitor.GetAsync("/api/v1/public/lessons?pageSize=500&kind=sideways"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync("/library?page=0")).StatusCode);
        var unknown = await visitor.GetAsync("/library?category=no-such-category");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Unknown category", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Anyone_reads_published_stories_anonymised_and_a_draft_is_not_found(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var (published, draft) = await app.WithDbAsync(async d =>
        {
            var now = DateTimeOffset.UtcNow;
            PartnershipStory Story(string title, StoryState state) => new()
            {
                PartnershipId = team.Partnership.Id,
                Title = $"{title} with {team.OrganisationName} {word}",
                Background = $"{team.Partnership.Name} began when **Morwenna** rang round.",
                WhatWasLearned = $"Ask Morwenna Tregear (morwenna@example.org) before you start.",
                State = state,
                PublishedAt = state == StoryState.Published ? now : null,
                CreatedById = team.Staff.Id,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var p = Story("How we shared one minibus", StoryState.Published);
            var q = Story("Unfinished story", StoryState.Draft);
            d.AddRange(p, q);
            await d.SaveChangesAsync();
            return (p.Id, q.Id);
        });
        var visitor = app.Browser();

        var response = await visitor.GetAsync($"/library/stories/{published}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"How we shared one minibus with {WebUtility.HtmlEncode(LessonAnonymiser.OrganisationPlaceholder)} {word}", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{WebUtility.HtmlEncode(LessonAnonymiser.PersonPlaceholder)}</strong>", html, StringComparison.Ordinal);
        AssertAnonymised(html, team);
        Assert.DoesNotContain("morwenna@example.org", html, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/library/stories/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/library/stories/{Guid.CreateVersion7()}")).StatusCode);

        var list = await (await visitor.GetAsync("/library/stories?pageSize=100")).Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/library/stories/{published}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.ToString(), list, StringComparison.Ordinal);
        AssertAnonymised(list, team);
    }

    [Theory, BothDatabases]
    public async Task A_members_link_to_something_public_leads_a_visitor_to_its_public_page_and_anything_else_to_sign_in(Db db)
    {
        var app = await fixture.ForAsync(db);
        var library = await LessonsAsync(app);
        var visitor = app.Browser();

        var lesson = await visitor.GetAsync($"/lessons/{library.Public}");
        Assert.Equal(HttpStatusCode.Redirect, lesson.StatusCode);
        Assert.Equal($"/library/lessons/{library.Public}", lesson.Headers.Location!.OriginalString);
        foreach (var id in library.Hidden.Values)
        {
            var refused = await visitor.GetAsync($"/lessons/{id}");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/sign-in", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // Only the lesson page itself: its edit page still asks for sign-in.
        Assert.Contains("/account/sign-in", (await visitor.GetAsync($"/lessons/{library.Public}/edit")).Headers.Location!.ToString(), StringComparison.Ordinal);

        // Signed in, the member's address is the member's page.
        var member = await PageTestPeople.SignInAsync(app, library.Team.Staff);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/lessons/{library.Public}")).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_leads_to_the_public_library()
    {
        var app = await fixture.ForAsync(Db.Sqlite);
        var html = await (await app.Browser().GetAsync("/account/sign-in")).Content.ReadAsStringAsync();
        Assert.Contains("href=\"/library\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/library/stories\"", html, StringComparison.Ordinal);
    }
}
