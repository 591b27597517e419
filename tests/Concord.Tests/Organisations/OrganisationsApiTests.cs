using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Organisations;

[Collection(AppCollection.Name)]
public sealed class OrganisationsApiTests(AppFixture fixture)
{
    private static string UniqueName() => "Brightwater Age Concern " + Guid.NewGuid().ToString("N")[..8];

    [Theory, BothDatabases]
    public async Task A_network_admin_adds_an_organisation_and_its_first_admin_is_invited_by_e_mail(Db db)
    {
        var app = await fixture.ForAsync(db);
        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var invitee = $"first-admin-{Guid.NewGuid():N}@example.org";

        var created = await JsonAsync(await admin.Api.PostAsJsonAsync("/api/v1/organisations", new
        {
            name = UniqueName(),
            type = "Charity",
            charityNumber = "1 234 567",
            companyNumber = "1234567",
            incomeBand = "From10kTo100k",
            website = "www.example.org.uk",
            firstAdminEmail = invitee,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("1234567", created.GetProperty("charityNumber").GetString());
        Assert.Equal("01234567", created.GetProperty("companyNumber").GetString());
        Assert.Equal("https://www.example.org.uk/", created.GetProperty("website").GetString());

        var invitation = await app.WithDbAsync(d => d.Set<Invitation>().SingleAsync(i => i.OrganisationId == id));
        Assert.Equal(invitee, invitation.Email);
        Assert.Equal(OrganisationRole.Admin, invitation.OrganisationRole);
        Assert.InRange(invitation.ExpiresAt - invitation.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        var message = await app.WithDbAsync(d => d.Set<OutboxMessage>().SingleAsync(m => m.To == invitee));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody, @"https?://\S+/invitations/(\S+)");
        Assert.True(link.Success, message.TextBody);
        // Only the hash of the secret in the link is stored.
        Assert.Equal(Concord.Web.Infrastructure.Auth.Secrets.Hash(link.Groups[1].Value), invitation.TokenHash);
        Assert.DoesNotContain(link.Groups[1].Value, invitation.TokenHash, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Only_network_admins_add_organisations_and_bad_details_get_400_per_field(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app);
        await ProblemAsync(await person.Api.PostAsJsonAsync("/api/v1/organisations", new { name = UniqueName() }), HttpStatusCode.Forbidden);

        var admin = await ApiTestPeople.CreateAsync(app, NetworkRole.NetworkAdmin);
        var name = UniqueName();
        await JsonAsync(await admin.Api.PostAsJsonAsync("/api/v1/organisations", new { name }), HttpStatusCode.Created);

        var problem = await ProblemAsync(await admin.Api.PostAsJsonAsync("/api/v1/organisations", new
        {
            name = name.ToUpperInvariant(),
            charityNumber = "12AB",
            website = "ftp://example.org",
            type = "Club",
        }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "charityNumber", "website", "type" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for {field}: {errors}");
        }

        var required = await ProblemAsync(await admin.Api.PostAsJsonAsync("/api/v1/organisations", new { name = "" }), HttpStatusCode.BadRequest);
        Assert.True(required.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Theory, BothDatabases]
    public async Task Organisation_admins_invite_people_once_and_members_of_other_organisations_get_404(Db db)
    {
        var app = await fixture.ForAsync(db);
        var orgAdmin = await ApiTestPeople.CreateAsync(app);
        var staff = await ApiTestPeople.CreateAsync(app);
        var id = await ApiTestPeople.OrganisationAsync(app, (orgAdmin, OrganisationRole.Admin), (staff, OrganisationRole.Staff));
        var email = $"new-volunteer-{Guid.NewGuid():N}@example.org";

        var invited = await JsonAsync(await orgAdmin.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email, role = "Volunteer" }), HttpStatusCode.Created);
        Assert.Equal("Volunteer", invited.GetProperty("role").GetString());
        var message = await app.WithDbAsync(d => d.Set<OutboxMessage>().SingleAsync(m => m.To == email));
        Assert.Contains("/invitations/", message.TextBody, StringComparison.Ordinal);

        await ProblemAsync(await orgAdmin.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email, role = "Staff" }), HttpStatusCode.Conflict);
        await ProblemAsync(await orgAdmin.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email = staff.Email, role = "Staff" }), HttpStatusCode.Conflict);
        var bad = await ProblemAsync(await orgAdmin.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email = "not an address", role = "Chief" }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("role", out _));
        await ProblemAsync(await staff.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email = "x@example.org", role = "Staff" }), HttpStatusCode.Forbidden);

        var outsider = await ApiTestPeople.CreateAsync(app);
        await ApiTestPeople.OrganisationAsync(app, (outsider, OrganisationRole.Admin));
        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/organisations/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/organisations/{id}/members"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.PostAsJsonAsync($"/api/v1/organisations/{id}/invitations", new { email = "y@example.org", role = "Staff" }), HttpStatusCode.NotFound);
        var mine = await JsonAsync(await outsider.Api.GetAsync("/api/v1/organisations"), HttpStatusCode.OK);
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task Members_are_listed_with_an_audit_line_and_the_last_admin_cannot_be_removed(Db db)
    {
        var app = await fixture.ForAsync(db);
        var orgAdmin = await ApiTestPeople.CreateAsync(app);
        var staff = await ApiTestPeople.CreateAsync(app);
        var id = await ApiTestPeople.OrganisationAsync(app, (orgAdmin, OrganisationRole.Admin), (staff, OrganisationRole.Staff));

        var members = await JsonAsync(await staff.Api.GetAsync($"/api/v1/organisations/{id}/members"), HttpStatusCode.OK);
        Assert.Equal(2, members.GetArrayLength());
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.OrganisationId == id && a.Action == AuditActions.PersonalDataRead && a.ActorId == staff.Id)));

        var problem = await ProblemAsync(await orgAdmin.Api.DeleteAsync($"/api/v1/organisations/{id}/members/{orgAdmin.Id}"), HttpStatusCode.Conflict);
        Assert.Contains("only admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await staff.Api.DeleteAsync($"/api/v1/organisations/{id}/members/{orgAdmin.Id}"), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await orgAdmin.Api.DeleteAsync($"/api/v1/organisations/{id}/members/{staff.Id}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<OrganisationMembership>().CountAsync(m => m.OrganisationId == id)));
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.OrganisationId == id && a.Action == AuditActions.OrganisationMemberRemoved)));
    }
}
