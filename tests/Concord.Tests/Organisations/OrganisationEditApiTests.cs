using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Organisations;

/// <summary>Changing an organisation's record in the API: its admins and network admins, with the version they read.</summary>
[Collection(AppCollection.Name)]
public sealed class OrganisationEditApiTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task An_edit_needs_the_version_and_a_stale_one_gets_409_with_the_saved_record(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await ApiTestPeople.CreateAsync(app);
        var staff = await ApiTestPeople.CreateAsync(app);
        var id = await ApiTestPeople.OrganisationAsync(app, (admin, OrganisationRole.Admin), (staff, OrganisationRole.Staff));
        var name = "Renamed " + Guid.NewGuid().ToString("N")[..6];

        var missing = await ProblemAsync(await admin.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("version", out _));
        var badType = await ProblemAsync(await admin.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name, type = "Club", version = 0 }), HttpStatusCode.BadRequest);
        Assert.True(badType.GetProperty("errors").TryGetProperty("type", out _));

        var saved = await JsonAsync(await admin.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name, type = "Cic", version = 0 }), HttpStatusCode.OK);
        Assert.Equal((1, "Cic"), (saved.GetProperty("version").GetInt32(), saved.GetProperty("type").GetString()));

        var stale = await ProblemAsync(await admin.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "Overwritten " + name, version = 0 }), HttpStatusCode.Conflict);
        Assert.Equal(name, stale.GetProperty("current").GetProperty("name").GetString());
        Assert.Equal(1, stale.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal(name, await app.WithDbAsync(d => d.Set<Organisation>().Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));

        // Staff read but do not change the record; someone outside gets 404; a network admin may change any.
        await ProblemAsync(await staff.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "Staff " + name, version = 1 }), HttpStatusCode.Forbidden);
        var outsider = await ApiTestPeople.CreateAsync(app);
        await ProblemAsync(await outsider.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name = "Outsider " + name, version = 1 }), HttpStatusCode.NotFound);
        var networkAdmin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        await JsonAsync(await networkAdmin.Api.PutAsJsonAsync($"/api/v1/organisations/{id}", new { name, address = "1 High Street", version = 1 }), HttpStatusCode.OK);
    }
}
