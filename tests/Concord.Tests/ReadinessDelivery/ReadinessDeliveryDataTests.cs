using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;

namespace Concord.Tests.ReadinessDelivery;

/// <summary>Readiness, the delivery model and the agreement in the hand-over export and in a person's own data.</summary>
[Collection(AppCollection.Name)]
public sealed class ReadinessDeliveryDataTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task The_hand_over_holds_the_answers_aims_objectives_matrix_and_agreement_and_a_person_gets_what_they_wrote_and_signed(Db db)
    {
        var app = await fixture.ForAsync(db);
        var t = await Trio.CreateAsync(app);
        await JsonAsync(await t.Leads[1].Api.PutAsJsonAsync(t.Url($"/readiness/{t.PartnerIds[1]}"), new { whyPartner = "Fewer lonely people", version = 0 }), HttpStatusCode.OK);
        var aim = await JsonAsync(await t.Leads[1].Api.PostAsJsonAsync(t.Url("/aims"), new { partnerId = t.PartnerIds[1], description = "Reach 200 people" }), HttpStatusCode.Created);
        await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/objectives"), new { title = "Weekly visits", aimIds = new[] { aim.GetProperty("id").GetGuid() } }), HttpStatusCode.Created);
        var workstream = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/workstreams"), new { title = "Home visits" }), HttpStatusCode.Created);
        await JsonAsync(await t.Coordinator.Api.PutAsJsonAsync(t.Url("/matrix/cells"),
            new { cells = new[] { new { workstreamId = workstream.GetProperty("id").GetGuid(), partnerId = t.PartnerIds[1], role = "A", version = 1 } } }), HttpStatusCode.OK);
        var version = await JsonAsync(await t.Coordinator.Api.PostAsJsonAsync(t.Url("/agreement/versions"), new { body = "# Our agreement" }), HttpStatusCode.Created);
        await JsonAsync(await t.Leads[1].Api.PostAsJsonAsync(t.Url($"/agreement/versions/{version.GetProperty("id").GetGuid()}/signatures"),
            new { textHash = version.GetProperty("textHash").GetString() }), HttpStatusCode.Created);

        using var export = JsonDocument.Parse(await (await t.Coordinator.Api.GetAsync(t.Url("/hand-over/export.json"))).Content.ReadAsStringAsync());
        var root = export.RootElement;
        Assert.Equal("Fewer lonely people", Assert.Single(root.GetProperty("readinessAnswers").EnumerateArray()).GetProperty("whyPartner").GetString());
        Assert.Equal("Reach 200 people", Assert.Single(root.GetProperty("partnerAims").EnumerateArray()).GetProperty("description").GetString());
        Assert.Equal("Weekly visits", Assert.Single(root.GetProperty("objectives").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("Reach 200 people", Assert.Single(root.GetProperty("objectiveAims").EnumerateArray()).GetProperty("aim").GetString());
        Assert.Equal("Home visits", Assert.Single(root.GetProperty("workstreams").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal("Accountable", Assert.Single(root.GetProperty("matrixCells").EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal(version.GetProperty("textHash").GetString(), Assert.Single(root.GetProperty("agreementVersions").EnumerateArray()).GetProperty("textHash").GetString());
        Assert.Equal(t.Names[1], Assert.Single(root.GetProperty("agreementSignatures").EnumerateArray()).GetProperty("partner").GetString());

        using var mine = JsonDocument.Parse(await (await t.Leads[1].Api.GetAsync("/api/v1/me/personal-data.json")).Content.ReadAsStringAsync());
        Assert.Equal("Fewer lonely people", Assert.Single(mine.RootElement.GetProperty("readinessAnswersSaved").EnumerateArray()).GetProperty("whyPartner").GetString());
        Assert.Equal(1, Assert.Single(mine.RootElement.GetProperty("agreementSignatures").EnumerateArray()).GetProperty("versionNumber").GetInt32());
        Assert.Empty(mine.RootElement.GetProperty("agreementVersionsWritten").EnumerateArray());

        using var theirs = JsonDocument.Parse(await (await t.Coordinator.Api.GetAsync("/api/v1/me/personal-data.json")).Content.ReadAsStringAsync());
        Assert.Single(theirs.RootElement.GetProperty("agreementVersionsWritten").EnumerateArray());
        Assert.Empty(theirs.RootElement.GetProperty("agreementSignatures").EnumerateArray());
    }
}
