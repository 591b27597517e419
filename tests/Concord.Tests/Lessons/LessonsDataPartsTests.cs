using System.Net;
using System.Text.Json;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.Lessons;

/// <summary>Lessons in a partnership's hand-over export (coordinators) and in the subject access export of their author.</summary>
[Collection(AppCollection.Name)]
public sealed class LessonsDataPartsTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task The_hand_over_holds_the_partnership_s_lessons_and_the_author_s_export_holds_what_they_wrote(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var other = await LessonsApiTests.TeamAsync(app);
        var word = LessonsApiTests.Word();
        var draft = await LessonsApiTests.WriteAsync(team.Staff.Api, new { title = $"Draft inside {word}", whatHappened = "x", kind = "Tip", tags = new[] { "rota" }, partnershipId = team.Partnership.Id, visibility = "Partnership" });
        await LessonsApiTests.WriteAsync(other.Staff.Api, new { title = $"Elsewhere {word}", whatHappened = "x", kind = "Tip", partnershipId = other.Partnership.Id, visibility = "Network", publish = true });

        var json = await team.Coordinator.Api.GetAsync($"/api/v1/partnerships/{team.Partnership.Id}/hand-over/export.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        using (var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync()))
        {
            var lessons = document.RootElement.GetProperty("lessons").EnumerateArray().ToList();
            var lesson = Assert.Single(lessons);
            Assert.Equal(draft, lesson.GetProperty("id").GetGuid());
            Assert.Equal("Draft", lesson.GetProperty("moderation").GetString());
            Assert.Equal("rota", lesson.GetProperty("tags").GetString());
        }

        var mine = await team.Staff.Api.GetAsync("/api/v1/me/personal-data.json");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using (var document = JsonDocument.Parse(await mine.Content.ReadAsStringAsync()))
        {
            var written = Assert.Single(document.RootElement.GetProperty("lessonsWritten").EnumerateArray());
            Assert.Equal($"Draft inside {word}", written.GetProperty("title").GetString());
            Assert.True(written.GetProperty("writtenByThisAccount").GetBoolean());
        }
    }
}
