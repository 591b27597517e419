using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Infrastructure.Time;
using static Concord.Tests.Commitments.CommitmentsTestKit;

namespace Concord.Tests.Commitments;

/// <summary>Issue 10 #11: a commitment reported late before its due date says so, instead of "Late" beside "due in 12 days".</summary>
[Collection(AppCollection.Name)]
public sealed class CommitmentWordingTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task A_commitment_reported_late_before_its_date_says_reported_late_beside_its_due_date(Db db)
    {
        var w = await WorldAsync(await fixture.ForAsync(db));
        var today = London.Today(TimeProvider.System);
        var created = await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments", new
        {
            what = "Print the winter leaflet",
            ownerPartnerId = w.DeliveryPartnerId,
            dueDate = today.AddDays(12).ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(await w.Coordinator.Api.PostAsJsonAsync($"{w.Base}/commitments/{id}/updates", new
        {
            status = "Late",
            date = today.ToString("yyyy-MM-dd"),
            note = "The printer has closed",
            version = created.GetProperty("version").GetInt32(),
        }), HttpStatusCode.Created);

        var now = await JsonAsync(await w.Coordinator.Api.GetAsync($"{w.Base}/commitments/{id}"), HttpStatusCode.OK);
        Assert.Equal("Late", now.GetProperty("status").GetString());
        Assert.Equal("reported late · due in 12 days", now.GetProperty("dueHint").GetString());

        var page = await (await w.App.SignInAsync(w.Coordinator.Account)).GetStringAsync($"/partnerships/{w.PartnershipId}/commitments/{id}");
        Assert.Contains("reported late · due in 12 days", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }
}
