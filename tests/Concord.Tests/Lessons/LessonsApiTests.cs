using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Lessons;

[Collection(AppCollection.Name)]
public sealed class LessonsApiTests(AppFixture fixture)
{
    /// <summary>A word no other test uses, so searches in the shared database find only this test's lessons.</summary>
    internal static string Word() => "zq" + new string([.. Guid.NewGuid().ToString("N")[..10].Select(c => char.IsDigit(c) ? (char)('g' + c - '0') : c)]);

    internal sealed record Team(ApiPerson Coordinator, ApiPerson Staff, Partnership Partnership, string OrganisationName);

    internal static async Task<Team> TeamAsync(ConcordFactory app, string? organisationName = null)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app, name: "Morwenna Tregear");
        var staff = await ApiTestPeople.CreateAsync(app);
        var organisation = await app.CreateOrganisationAsync(organisationName ?? "Brightwater Lunch Club " + Word());
        var partnership = await app.CreatePartnershipAsync(organisation, (coordinator.Account, PartnershipRole.Coordinator), (staff.Account, PartnershipRole.Staff));
        return new Team(coordinator, staff, partnership, organisation.Name);
    }

    internal static async Task<Guid> WriteAsync(HttpClient api, object lesson)
    {
        var created = await JsonAsync(await api.PostAsJsonAsync("/api/v1/lessons", lesson), HttpStatusCode.Created);
        return created.GetProperty("id").GetGuid();
    }

    [Theory, BothDatabases]
    public async Task A_partnership_only_lesson_is_a_404_to_everyone_outside_the_partnership(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var other = await TeamAsync(app);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var word = Word();
        var id = await WriteAsync(team.Staff.Api, new
        {
            title = $"Book the hall early {word}",
            whatHappened = "The church hall was double-booked twice.",
            kind = "Did not work",
            partnershipId = team.Partnership.Id,
            visibility = "Partnership",
            publish = true,
        });

        await JsonAsync(await team.Coordinator.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        foreach (var outsider in new[] { other.Coordinator.Api, learning.Api })
        {
            await JsonAsync(await outsider.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.NotFound);
            await JsonAsync(await outsider.PutAsJsonAsync($"/api/v1/lessons/{id}", new { title = "x", kind = "Tip", whatHappened = "x", version = 0 }), HttpStatusCode.NotFound);
            var search = await JsonAsync(await outsider.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK);
            Assert.Equal(0, search.GetProperty("total").GetInt32());
        }

        var mine = await JsonAsync(await team.Coordinator.Api.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total").GetInt32());

        // A member who did not write it and is not a coordinator reads it but may not change it.
        var third = await ApiTestPeople.CreateAsync(app);
        await app.WithDbAsync(async d =>
        {
            d.Add(new PartnershipMembership { PartnershipId = team.Partnership.Id, AccountId = third.Id, Role = PartnershipRole.Volunteer, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });
        await JsonAsync(await third.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", new { title = "x", kind = "Tip", whatHappened = "x", version = 0 }), HttpStatusCode.Forbidden);
    }

    [Theory, BothDatabases]
    public async Task A_network_lesson_is_seen_by_every_signed_in_member_once_published(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var stranger = await ApiTestPeople.CreateAsync(app);
        var word = Word();
        var id = await WriteAsync(team.Staff.Api, new { title = $"Share rotas {word}", whatHappened = "We shared one rota.", kind = "WorkedWell", partnershipId = team.Partnership.Id, visibility = "Network" });

        // A draft stays inside the partnership.
        await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.NotFound);
        var published = await JsonAsync(await team.Staff.Api.PostAsync($"/api/v1/lessons/{id}/publish", null), HttpStatusCode.OK);
        Assert.Equal("Published", published.GetProperty("moderation").GetString());
        var seen = await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        Assert.Equal("We shared one rota.", seen.GetProperty("whatHappened").GetString());
        await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.Unauthorized);
    }

    [Theory, BothDatabases]
    public async Task A_public_lesson_needs_the_learning_team_and_is_shown_anonymised(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var stranger = await ApiTestPeople.CreateAsync(app);
        var learning = await ApiTestPeople.CreateAsync(app, NetworkRole.LearningTeam);
        var word = Word();
        var id = await WriteAsync(team.Coordinator.Api, new
        {
            title = $"Ask Morwenna about transport {word}",
            whatHappened = $"{team.OrganisationName} and {team.Partnership.Name} found that Morwenna Tregear's minibus list saved hours. Ring 07700 900123.",
            kind = "Tip",
            partnershipId = team.Partnership.Id,
            visibility = "Public",
            publish = true,
        });

        var pending = await JsonAsync(await team.Coordinator.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        Assert.Equal("Pending", pending.GetProperty("moderation").GetString());
        await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Only the learning team moderates.
        await JsonAsync(await team.Coordinator.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation", new { decision = "approve" }), HttpStatusCode.Forbidden);
        await JsonAsync(await learning.Api.PostAsJsonAsync($"/api/v1/lessons/{id}/moderation", new { decision = "approve", visibility = "Public" }), HttpStatusCode.OK);

        var seen = await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        Assert.True(seen.GetProperty("anonymised").GetBoolean());
        var text = seen.GetProperty("title").GetString() + " " + seen.GetProperty("whatHappened").GetString();
        Assert.DoesNotContain("Morwenna", text);
        Assert.DoesNotContain(team.OrganisationName, text);
        Assert.DoesNotContain(team.Partnership.Name, text);
        Assert.DoesNotContain("07700", text);
        Assert.Contains(LessonAnonymiser.OrganisationPlaceholder, text);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("partnershipId").ValueKind);

        var search = await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK);
        var hit = Assert.Single(search.GetProperty("items").EnumerateArray());
        Assert.DoesNotContain("Morwenna", hit.GetProperty("snippetHtml").GetString());
        // Searching for the name finds nothing: the library indexes the anonymised text.
        Assert.Equal(0, (await JsonAsync(await stranger.Api.GetAsync($"/api/v1/lessons?q={word}+Morwenna"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // The partnership still reads its own words.
        var own = await JsonAsync(await team.Coordinator.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        Assert.False(own.GetProperty("anonymised").GetBoolean());
        Assert.Contains("Morwenna", own.GetProperty("title").GetString());
    }

    [Theory, BothDatabases]
    public async Task Search_ranks_title_matches_first_filters_and_escapes_highlights(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var word = Word();
        var categories = await JsonAsync(await team.Staff.Api.GetAsync("/api/v1/lessons/categories"), HttpStatusCode.OK);
        var communication = categories.EnumerateArray().First(c => c.GetProperty("slug").GetString() == "communication").GetProperty("id").GetGuid();
        var inText = await WriteAsync(team.Staff.Api, new { title = "Weekly catch-ups", whatHappened = $"A short call about {word} kept everyone on track.", kind = "WorkedWell", visibility = "Network", publish = true, stage = "During", tags = new[] { "Meetings" } });
        var inTitle = await WriteAsync(team.Staff.Api, new { title = $"{word} volunteers <script>alert(1)</script>", whatHappened = "Volunteers & <b>staff</b> met monthly.", kind = "Tip", visibility = "Network", publish = true, stage = "SettingUp", categoryId = communication, partnershipType = "Health and care" });
        await WriteAsync(team.Staff.Api, new { title = "Unrelated", whatHappened = "Nothing to see.", kind = "Tip", visibility = "Network", publish = true });

        var all = await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons?q={word}"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(inTitle, items[0].GetProperty("id").GetGuid());
        Assert.Equal(inText, items[1].GetProperty("id").GetGuid());
        var titleHtml = items[0].GetProperty("titleHtml").GetString()!;
        Assert.Contains($"<mark>{word}</mark>", titleHtml);
        Assert.Contains("&lt;script&gt;", titleHtml);
        Assert.DoesNotContain("<script>", titleHtml);
        Assert.Contains($"<mark>{word}</mark>", items[1].GetProperty("snippetHtml").GetString());

        async Task<List<Guid>> Ids(string filter) =>
            [.. (await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons?q={word}&{filter}"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
        Assert.Equal([inText], await Ids("kind=Worked well"));
        Assert.Equal([inTitle], await Ids("stage=SettingUp"));
        Assert.Equal([inTitle], await Ids("category=communication"));
        Assert.Equal([inText], await Ids("tag=meetings"));
        Assert.Equal([inTitle], await Ids("partnershipType=Health and care"));

        // Filters also work without words; bad filters and paging are field errors.
        var listed = await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons?tag=meetings&kind=WorkedWell&pageSize=100"), HttpStatusCode.OK);
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == inText);
        var problem = await JsonAsync(await team.Staff.Api.GetAsync("/api/v1/lessons?kind=Amazing&pageSize=500"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _));

        // Search syntax in the words is only text, never an error.
        await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons?q=\"{word}\" OR (NEAR* -\"&q2=1"), HttpStatusCode.OK);
        var phrase = await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons?q=\"{word} volunteers\""), HttpStatusCode.OK);
        Assert.Equal(1, phrase.GetProperty("total").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task The_search_index_follows_edits_of_tags_visibility_and_moderation(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var outsider = await TeamAsync(app);
        var word = Word();
        var oldTag = Word();
        var newTag = Word();
        var id = await WriteAsync(team.Staff.Api, new { title = $"Minibus rota {word}", whatHappened = "Drivers swapped shifts.", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true, tags = new[] { oldTag } });

        async Task<List<Guid>> Found(ApiPerson who, string query) =>
            [.. (await JsonAsync(await who.Api.GetAsync($"/api/v1/lessons?{query}&pageSize=100"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        // Partnership-only: its members find it by words and by tag (with and without words); outsiders never do.
        Assert.Equal([id], await Found(team.Staff, $"q={word}"));
        Assert.Equal([id], await Found(team.Staff, $"tag={oldTag}"));
        Assert.Contains(id, await Found(team.Staff, ""));
        Assert.Empty(await Found(outsider.Staff, $"q={word}"));
        Assert.Empty(await Found(outsider.Staff, $"tag={oldTag}"));
        Assert.DoesNotContain(id, await Found(outsider.Staff, ""));

        // New tag and shared with the network: the index follows at once.
        await JsonAsync(await team.Staff.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", new { title = $"Minibus rota {word}", whatHappened = "Drivers swapped shifts.", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Network", tags = new[] { newTag }, version = 0 }), HttpStatusCode.OK);
        var lesson = await JsonAsync(await team.Staff.Api.GetAsync($"/api/v1/lessons/{id}"), HttpStatusCode.OK);
        if (lesson.TryGetProperty("moderation", out var moderation) && moderation.GetString() != "Published")
        {
            await JsonAsync(await team.Staff.Api.PostAsync($"/api/v1/lessons/{id}/publish", null), HttpStatusCode.OK);
        }

        Assert.Empty(await Found(team.Staff, $"tag={oldTag}"));
        Assert.Equal([id], await Found(team.Staff, $"q={word}&tag={newTag}"));
        Assert.Equal([id], await Found(outsider.Staff, $"q={word}"));
        Assert.Equal([id], await Found(outsider.Staff, $"tag={newTag}"));
    }

    [Theory, BothDatabases]
    public async Task Writing_a_lesson_checks_the_fields_and_a_stale_edit_is_a_409(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var other = await TeamAsync(app);
        var problem = await JsonAsync(await team.Staff.Api.PostAsJsonAsync("/api/v1/lessons", new { title = "", kind = "Amazing", partnershipId = other.Partnership.Id }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        problem = await JsonAsync(await team.Staff.Api.PostAsJsonAsync("/api/v1/lessons", new { title = "", kind = "Tip", partnershipId = other.Partnership.Id }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("partnershipId", out _));

        var id = await WriteAsync(team.Staff.Api, new { title = "First words", whatHappened = "Something", kind = "Tip", partnershipId = team.Partnership.Id });
        await JsonAsync(await team.Staff.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", new { title = "Second words", whatHappened = "Something", kind = "Tip", partnershipId = team.Partnership.Id, version = 0 }), HttpStatusCode.OK);
        await JsonAsync(await team.Coordinator.Api.PutAsJsonAsync($"/api/v1/lessons/{id}", new { title = "Stale words", whatHappened = "Something", kind = "Tip", partnershipId = team.Partnership.Id, version = 0 }), HttpStatusCode.Conflict);
        var saved = await app.WithDbAsync(d => d.Set<Lesson>().SingleAsync(l => l.Id == id));
        Assert.Equal("Second words", saved.Title);
    }

    [Theory, BothDatabases]
    public async Task Export_gives_only_what_the_library_shows(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await TeamAsync(app);
        var stranger = await ApiTestPeople.CreateAsync(app);
        var word = Word();
        await WriteAsync(team.Staff.Api, new { title = $"Secret {word}", whatHappened = "Inside only", kind = "Tip", partnershipId = team.Partnership.Id, visibility = "Partnership", publish = true });
        await WriteAsync(team.Staff.Api, new { title = $"Shared {word}", whatHappened = "For all =1+1", kind = "Tip", visibility = "Network", publish = true });

        var csv = await (await stranger.Api.GetAsync("/api/v1/lessons/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains($"Shared {word}", csv);
        Assert.DoesNotContain($"Secret {word}", csv);
        var json = await JsonAsync(await team.Staff.Api.GetAsync("/api/v1/lessons/export?format=json"), HttpStatusCode.OK);
        Assert.Contains(json.EnumerateArray(), r => r.GetProperty("title").GetString() == $"Secret {word}");
        await JsonAsync(await team.Staff.Api.GetAsync("/api/v1/lessons/export?format=xml"), HttpStatusCode.BadRequest);
    }
}
