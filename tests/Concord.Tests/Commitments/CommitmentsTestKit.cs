using System.Net;
using System.Net.Http.Json;
using Concord.Tests.Infrastructure;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;

namespace Concord.Tests.Commitments;

/// <summary>A partnership with two partners for commitment and ledger tests: the coordinator's (lead) and a delivery partner with its lead.</summary>
public sealed record CommitmentsWorld(ConcordFactory App, ApiPerson Coordinator, ApiPerson PartnerLead, ApiPerson Observer,
    Guid PartnershipId, Guid LeadPartnerId, Guid DeliveryPartnerId, Guid DeliveryOrganisationId)
{
    public string Base => $"/api/v1/partnerships/{PartnershipId}";
}

public static class CommitmentsTestKit
{
    public static async Task<CommitmentsWorld> WorldAsync(ConcordFactory app)
    {
        var coordinator = await ApiTestPeople.CreateAsync(app, name: "Cora Ordinate");
        var partnerLead = await ApiTestPeople.CreateAsync(app, name: "Dev Liverer");
        var observer = await ApiTestPeople.CreateAsync(app, name: "Obi Server");
        var leadOrg = await ApiTestPeople.OrganisationAsync(app, (coordinator, OrganisationRole.Staff));
        var deliveryOrg = await ApiTestPeople.OrganisationAsync(app, (partnerLead, OrganisationRole.Admin));
        var created = await JsonAsync(await coordinator.Api.PostAsJsonAsync("/api/v1/partnerships", new
        {
            name = "Commitments " + Guid.NewGuid().ToString("N")[..6],
            purpose = "Testing commitments",
            leadOrganisationId = leadOrg,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var delivery = await JsonAsync(await coordinator.Api.PostAsJsonAsync($"/api/v1/partnerships/{id}/partners", new { organisationId = deliveryOrg, role = "Delivery", joinedOn = "2026-01-01" }), HttpStatusCode.Created);
        await app.WithDbAsync(async db =>
        {
            db.Add(new PartnershipMembership { PartnershipId = id, AccountId = partnerLead.Id, Role = PartnershipRole.PartnerLead, OrganisationId = deliveryOrg, CreatedAt = DateTimeOffset.UtcNow });
            db.Add(new PartnershipMembership { PartnershipId = id, AccountId = observer.Id, Role = PartnershipRole.Observer, CreatedAt = DateTimeOffset.UtcNow });
            var partner = await db.FindAsync<Partner>(delivery.GetProperty("id").GetGuid());
            partner!.LeadContactId = partnerLead.Id;
            await db.SaveChangesAsync();
        });
        var partners = await JsonAsync(await coordinator.Api.GetAsync($"/api/v1/partnerships/{id}/partners"), HttpStatusCode.OK);
        var leadPartner = partners.EnumerateArray().Single(p => p.GetProperty("role").GetString() == "Lead").GetProperty("id").GetGuid();
        return new CommitmentsWorld(app, coordinator, partnerLead, observer, id, leadPartner, delivery.GetProperty("id").GetGuid(), deliveryOrg);
    }
}
