using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Tests.Lessons;
using Concord.Web.Features.Guidance;

namespace Concord.Tests.Guidance;

/// <summary>Checklist progress in a partnership's hand-over export, and the items a person ticked in their subject access export.</summary>
[Collection(AppCollection.Name)]
public sealed class GuidanceDataPartsTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task The_hand_over_holds_checklist_progress_and_the_ticker_s_export_holds_their_ticks(Db db)
    {
        var app = await fixture.ForAsync(db);
        var team = await LessonsApiTests.TeamAsync(app);
        var templateId = DefaultGuidance.Checklists[0].Id;
        var checklist = await ApiResponses.JsonAsync(await team.Coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{team.Partnership.Id}/checklists", new { templateId }), HttpStatusCode.Created);
        var checklistId = checklist.GetProperty("id").GetGuid();
        var itemId = checklist.GetProperty("items")[0].GetProperty("id").GetGuid();
        await ApiResponses.JsonAsync(await team.Staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{team.Partnership.Id}/checklists/{checklistId}/ticks",
            new { itemId, done = true, note = "Agreed at the steering group" }), HttpStatusCode.OK);

        using (var document = JsonDocument.Parse(await (await team.Coordinator.Api.GetAsync($"/api/v1/partnerships/{team.Partnership.Id}/hand-over/export.json")).Content.ReadAsStringAsync()))
        {
            var rows = document.RootElement.GetProperty("checklistProgress").EnumerateArray().ToList();
            Assert.Equal(DefaultGuidance.Checklists[0].ItemList.Count, rows.Count);
            var ticked = Assert.Single(rows, r => r.GetProperty("done").GetBoolean());
            Assert.Equal(itemId, ticked.GetProperty("itemId").GetGuid());
            Assert.Equal("Agreed at the steering group", ticked.GetProperty("note").GetString());
        }

        using (var document = JsonDocument.Parse(await (await team.Staff.Api.GetAsync("/api/v1/me/personal-data.json")).Content.ReadAsStringAsync()))
        {
            Assert.Equal(itemId, Assert.Single(document.RootElement.GetProperty("checklistItemsTicked").EnumerateArray()).GetProperty("itemId").GetGuid());
        }
    }
}
