using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Tests.Lessons;

namespace Concord.Tests.Stories;

/// <summary>Stories in a partnership's hand-over export (drafts included) and in the subject access export of whoever started them.</summary>
[Collection(AppCollection.Name)]
public sealed class StoriesDataPartsTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task The_hand_over_holds_the_partnership_s_stories_and_the_writer_s_export_holds_theirs(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var title = "Lunch club story " + LessonsApiTests.Word();
        await ApiResponses.JsonAsync(await team.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{team.Partnership.Id}/stories",
            new { title, background = "Why", whatWasDone = "What", whatWasLearned = "Learned" }), HttpStatusCode.Created);

        using (var document = JsonDocument.Parse(await (await team.Coordinator.Api.GetAsync($"/api/v1/partnerships/{team.Partnership.Id}/hand-over/export.json")).Content.ReadAsStringAsync()))
        {
            var story = Assert.Single(document.RootElement.GetProperty("stories").EnumerateArray());
            Assert.Equal(title, story.GetProperty("title").GetString());
            Assert.Equal("Draft", story.GetProperty("state").GetString());
        }

        using (var document = JsonDocument.Parse(await (await team.Staff.Api.GetAsync("/api/v1/me/personal-data.json")).Content.ReadAsStringAsync()))
        {
            Assert.Equal(title, Assert.Single(document.RootElement.GetProperty("storiesWritten").EnumerateArray()).GetProperty("title").GetString());
        }
    }
}
