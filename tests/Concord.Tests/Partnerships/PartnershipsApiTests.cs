using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace Concord.Tests.Partnerships;

[Collection(AppCollection.Name)]
public sealed class PartnershipsApiTests(AppFixture fixture)
{
    /// <summary>A coordinator (staff of the lead organisation) and the partnership they started through the API.</summary>
    private static async Task<(ApiPerson Coordinator, Guid OrganisationId, JsonElement Partnership)> StartAsync(ConcordFactory app)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app);
        var organisationId = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Staff));
        var response = await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new
        {
            name = "Tea and Talk",
            purpose = "Reduce loneliness among older people in Brightwater",
            beneficiaries = "People over 65 living alone",
            area = "Brightwater",
            startDate = "2026-01-05",
            endDate = "2027-12-31",
            funder = "Community Fund",
            status = "Active",
            leadOrganisationId = organisationId,
        });
        return (coordinator, organisationId, await JsonAsync(response, HttpStatusCode.Created));
    }

    [Theory, BothDatabases]
    public async Task Creating_a_partnership_makes_the_creator_coordinator_and_the_lead_organisation_a_partner(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        Assert.Equal("Coordinator", partnership.GetProperty("myRole").GetString());
        Assert.Equal("Active", partnership.GetProperty("status").GetString());

        var partners = await JsonAsync(await coordinator.Api.GetAsync($"/api/v1/partnerships/{id}/partners"), HttpStatusCode.OK);
        var lead = Assert.Single(partners.EnumerateArray());
        Assert.Equal(organisationId, lead.GetProperty("organisationId").GetGuid());
        Assert.Equal("Lead", lead.GetProperty("role").GetString());

        var members = await JsonAsync(await coordinator.Api.GetAsync($"/api/v1/partnerships/{id}/members"), HttpStatusCode.OK);
        var me = Assert.Single(members.EnumerateArray());
        Assert.Equal(coordinator.Id, me.GetProperty("accountId").GetGuid());
        Assert.Equal("Coordinator", me.GetProperty("role").GetString());
        Assert.Equal(organisationId, me.GetProperty("organisationId").GetGuid());

        var list = await JsonAsync(await coordinator.Api.GetAsync("/api/v1/partnerships?page=1&pageSize=10"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(10, list.GetProperty("pageSize").GetInt32());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetGuid());

        // Reading the people list is recorded in the audit trail.
        var reads = await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.PartnershipId == id && a.Action == AuditActions.PersonalDataRead && a.ActorId == coordinator.Id));
        Assert.Equal(1, reads);
    }

    [Theory, BothDatabases]
    public async Task Someone_outside_the_partnership_gets_404_for_it_its_partners_and_its_members(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (_, _, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        var (outsider, outsiderOrg, _) = await StartAsync(app); // a coordinator of another partnership

        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/partnerships/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "Taken over", purpose = "x", version = 0 }), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/partnerships/{id}/partners"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/partners", new { organisationId = outsiderOrg, role = "Delivery" }), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/partnerships/{id}/members"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = outsider.Email, role = "Coordinator" }), HttpStatusCode.NotFound);
        // A partnership that does not exist answers exactly the same.
        await ProblemAsync(await outsider.Api.GetAsync($"/api/v1/partnerships/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound);

        var name = await app.WithDbAsync(d => d.Set<Partnership>().Where(p => p.Id == id).Select(p => p.Name).SingleAsync());
        Assert.Equal("Tea and Talk", name);
        var list = await JsonAsync(await outsider.Api.GetAsync("/api/v1/partnerships"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
    }

    [Theory, BothDatabases]
    public async Task A_stale_update_gets_409_and_changes_nothing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, _, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        var version = partnership.GetProperty("version").GetInt32();

        var first = await JsonAsync(await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}",
            new { name = "Tea and Talk Together", purpose = "Fewer lonely people", status = "Active", version }), HttpStatusCode.OK);
        Assert.Equal(version + 1, first.GetProperty("version").GetInt32());

        var stale = await coordinator.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}",
            new { name = "Overwritten", purpose = "Overwritten", status = "Closed", version });
        await ProblemAsync(stale, HttpStatusCode.Conflict);

        var saved = await JsonAsync(await coordinator.Api.GetAsync($"/api/v1/partnerships/{id}"), HttpStatusCode.OK);
        Assert.Equal("Tea and Talk Together", saved.GetProperty("name").GetString());
        Assert.Equal("Active", saved.GetProperty("status").GetString());
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task Invalid_partnerships_get_400_with_an_error_per_field(Db db)
    {
        var app = await fixture.ForAsync(db);
        var person = await ApiTestPeople.CreateAsync(app);
        var volunteerOnly = await ApiTestPeople.OrganisationAsync(app, (person, OrganisationRole.Volunteer));

        var problem = await ProblemAsync(await person.Api.PostAsJsonAsync("/api/v1/partnerships", new
        {
            name = " ",
            purpose = "",
            startDate = "2026-06-01",
            endDate = "2026-05-01",
            leadOrganisationId = volunteerOnly,
        }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("purpose", out _));
        Assert.True(errors.TryGetProperty("endDate", out _));
        Assert.True(errors.TryGetProperty("leadOrganisationId", out _), "A volunteer cannot name their organisation as lead.");

        var status = await ProblemAsync(await person.Api.PostAsJsonAsync("/api/v1/partnerships", new { name = "x", purpose = "y", status = "Sleeping" }), HttpStatusCode.BadRequest);
        Assert.True(status.GetProperty("errors").TryGetProperty("status", out _));

        var paging = await ProblemAsync(await person.Api.GetAsync("/api/v1/partnerships?pageSize=101"), HttpStatusCode.BadRequest);
        Assert.True(paging.GetProperty("errors").TryGetProperty("pageSize", out _));

        Assert.Equal(0, await app.WithDbAsync(d => d.Set<PartnershipMembership>().CountAsync(m => m.AccountId == person.Id)));
    }

    [Theory, BothDatabases]
    public async Task A_member_who_is_not_a_coordinator_reads_but_gets_403_when_adding_partners_people_or_editing(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        var staff = await ApiTestPeople.CreateAsync(app);
        var otherOrg = await ApiTestPeople.OrganisationAsync(app, (staff, OrganisationRole.Staff));
        await JsonAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/partners", new { organisationId = otherOrg, role = "Delivery", joinedOn = "2026-02-01" }), HttpStatusCode.Created);
        await JsonAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = staff.Email, role = "Staff" }), HttpStatusCode.Created);

        await JsonAsync(await staff.Api.GetAsync($"/api/v1/partnerships/{id}"), HttpStatusCode.OK);
        await JsonAsync(await staff.Api.GetAsync($"/api/v1/partnerships/{id}/partners"), HttpStatusCode.OK);
        var thirdOrg = await ApiTestPeople.OrganisationAsync(app);
        await ProblemAsync(await staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/partners", new { organisationId = thirdOrg, role = "Delivery" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await staff.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = coordinator.Email, role = "Observer" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await staff.Api.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "Mine now", purpose = "x", version = 0 }), HttpStatusCode.Forbidden);

        var partners = await app.WithDbAsync(d => d.Set<Partner>().CountAsync(p => p.PartnershipId == id));
        Assert.Equal(2, partners);
        Assert.NotEqual(Guid.Empty, organisationId);
    }

    [Theory, BothDatabases]
    public async Task Adding_people_checks_the_role_the_person_and_duplicates(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        var colleague = await ApiTestPeople.CreateAsync(app);
        await app.WithDbAsync(async d =>
        {
            d.Add(new OrganisationMembership { OrganisationId = organisationId, AccountId = colleague.Id, Role = OrganisationRole.Volunteer, CreatedAt = DateTimeOffset.UtcNow });
            await d.SaveChangesAsync();
        });

        var badRole = await ProblemAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = colleague.Email, role = "Boss" }), HttpStatusCode.BadRequest);
        Assert.True(badRole.GetProperty("errors").TryGetProperty("role", out _));

        var stranger = await ApiTestPeople.CreateAsync(app);
        var notInPartner = await ProblemAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = stranger.Email, role = "Volunteer" }), HttpStatusCode.BadRequest);
        Assert.True(notInPartner.GetProperty("errors").TryGetProperty("email", out _));

        var added = await JsonAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = colleague.Email.ToUpperInvariant(), role = "volunteer" }), HttpStatusCode.Created);
        Assert.Equal("Volunteer", added.GetProperty("role").GetString());
        Assert.Equal(organisationId, added.GetProperty("organisationId").GetGuid());

        await ProblemAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/members", new { email = colleague.Email, role = "Staff" }), HttpStatusCode.Conflict);
        await ProblemAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/partners", new { organisationId, role = "Delivery" }), HttpStatusCode.Conflict);

        var audited = await app.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(a => a.PartnershipId == id && a.Action == AuditActions.PartnershipMemberAdded));
        Assert.Equal(2, audited); // the creator and the colleague
    }

    [Theory, BothDatabases]
    public async Task A_read_only_token_reads_but_cannot_write(Db db)
    {
        var app = await fixture.ForAsync(db);
        var (coordinator, organisationId, partnership) = await StartAsync(app);
        var id = partnership.GetProperty("id").GetGuid();
        var readOnly = await ApiTestPeople.ReadOnlyClientAsync(app, coordinator);

        await JsonAsync(await readOnly.GetAsync($"/api/v1/partnerships/{id}"), HttpStatusCode.OK);
        await ProblemAsync(await readOnly.PutAsJsonAsync($"/api/v1/partnerships/{id}", new { name = "x", purpose = "y", version = 0 }), HttpStatusCode.Forbidden);
        await ProblemAsync(await readOnly.PostAsJsonAsync("/api/v1/partnerships", new { name = "x", purpose = "y", leadOrganisationId = organisationId }), HttpStatusCode.Forbidden);
    }
}
