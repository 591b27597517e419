using System.Net;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using static Concord.Tests.Infrastructure.PageTestPeople;

namespace Concord.Tests.Organisations;

[Collection(AppCollection.Name)]
public sealed class OrganisationPagesTests(AppFixture fixture)
{
    [Theory, BothDatabases]
    public async Task Only_network_admins_add_organisations_and_the_first_admin_gets_an_invitation_link(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app);
        var personClient = await SignInAsync(app, person);
        AssertForbidden(await personClient.GetAsync("/organisations/new"));

        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var client = await SignInAsync(app, admin);
        var token = await AntiforgeryTokenAsync(client, "/organisations/new");
        var name = "Brightwater Men's Shed " + Guid.NewGuid().ToString("N")[..6];
        var email = $"shed-{Guid.NewGuid():N}@example.org";

        var invalid = await PostFormAsync(client, "/organisations/new", token,
            ("Input.Name", name), ("Input.Type", "CommunityGroup"), ("Input.IncomeBand", "Under10k"), ("Input.Website", "shed"), ("Input.CharityNumber", "abc"));
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Enter a web address in the right format", html, StringComparison.Ordinal);
        Assert.Contains("Enter a charity number in the right format", html, StringComparison.Ordinal);

        var created = await PostFormAsync(client, "/organisations/new", token,
            ("Input.Name", name), ("Input.Type", "CommunityGroup"), ("Input.IncomeBand", "Under10k"), ("Input.FirstAdminEmail", email));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var message = await app.WithDbAsync(d => d.Set<OutboxMessage>().SingleAsync(m => m.To == email));
        Assert.Contains("http://localhost/invitations/", message.TextBody, StringComparison.Ordinal);

        var list = await (await client.GetAsync("/organisations?q=" + Uri.EscapeDataString(name[..20].ToUpperInvariant()))).Content.ReadAsStringAsync();
        Assert.Contains(name[^6..], list, StringComparison.Ordinal);

        var duplicate = await PostFormAsync(client, "/organisations/new", token,
            ("Input.Name", name.ToLowerInvariant()), ("Input.Type", "CommunityGroup"), ("Input.IncomeBand", "Under10k"));
        Assert.Contains("An organisation with this name is already in the network", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Admins_invite_once_and_the_last_admin_cannot_be_removed(Db db)
    {
        var app = await fixture.ForAsync(db);
        var orgAdmin = await ApiTestPeople.CreateAsync(app);
        var staff = await ApiTestPeople.CreateAsync(app);
        var id = await ApiTestPeople.OrganisationAsync(app, (orgAdmin, OrganisationRole.Admin), (staff, OrganisationRole.Staff));
        var client = await SignInAsync(app, orgAdmin);
        var token = await AntiforgeryTokenAsync(client, $"/organisations/{id}/invite");

        var details = await (await client.GetAsync($"/organisations/{id}")).Content.ReadAsStringAsync();
        Assert.Contains(staff.Email, details, StringComparison.Ordinal);

        var duplicate = await PostFormAsync(client, $"/organisations/{id}/invite", token, ("Input.Email", staff.Email), ("Input.Role", "Staff"));
        Assert.Contains("already a member of the organisation", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var removeLast = await PostFormAsync(client, $"/organisations/{id}?handler=Remove", token, ("accountId", orgAdmin.Id.ToString()));
        Assert.Equal(HttpStatusCode.OK, removeLast.StatusCode);
        Assert.Contains("only admin and cannot be removed", await removeLast.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<OrganisationMembership>().CountAsync(m => m.OrganisationId == id)));

        var staffClient = await SignInAsync(app, staff);
        var staffToken = await AntiforgeryTokenAsync(staffClient, $"/organisations/{id}");
        AssertForbidden(await PostFormAsync(staffClient, $"/organisations/{id}?handler=Remove", staffToken, ("accountId", orgAdmin.Id.ToString())));

        var outsider = await ApiTestPeople.CreateAsync(app);
        var outsiderClient = await SignInAsync(app, outsider);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/organisations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderClient.GetAsync($"/organisations/{id}/edit")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_stale_organisation_edit_is_not_saved(Db db)
    {
        var app = await fixture.ForAsync(db);
        var orgAdmin = await ApiTestPeople.CreateAsync(app);
        var id = await ApiTestPeople.OrganisationAsync(app, (orgAdmin, OrganisationRole.Admin));
        var client = await SignInAsync(app, orgAdmin);
        var token = await AntiforgeryTokenAsync(client, $"/organisations/{id}/edit");
        var name = "Renamed " + Guid.NewGuid().ToString("N")[..6];

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, $"/organisations/{id}/edit", token,
            ("Input.Name", name), ("Input.Type", "Charity"), ("Input.IncomeBand", "NotGiven"), ("Input.Version", "0"))).StatusCode);
        var stale = await PostFormAsync(client, $"/organisations/{id}/edit", token,
            ("Input.Name", "Stale name " + name), ("Input.Type", "Charity"), ("Input.IncomeBand", "NotGiven"), ("Input.Version", "0"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this organisation", html, StringComparison.Ordinal);
        // The saved version beside what was typed, and the form now carries the saved version.
        Assert.Contains("Stale name " + name, html, StringComparison.Ordinal);
        Assert.Contains(name, html.Replace("Stale name " + name, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html, StringComparison.Ordinal);
        Assert.Equal(name, await app.WithDbAsync(d => d.Set<Organisation>().Where(o => o.Id == id).Select(o => o.Name).SingleAsync()));
    }
}
