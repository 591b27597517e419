using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

/// <summary>
/// The partnership's record, its partners and its people (with their roles) in the hand-over export; and, for the subject
/// access export, the partnerships and organisations a person belongs to. Objectives belong to Readiness and are exported there.
/// </summary>
public sealed class PartnershipsDataParts(ConcordDb db) : IPartnershipExportPart, IPersonalDataPart
{
    public sealed record PartnershipExportRow(Guid Id, string Name, string Purpose, string? Beneficiaries, string? Area, DateOnly? StartDate,
        DateOnly? EndDate, string? Funder, PartnershipStatus Status, Guid LeadOrganisationId, string? LeadOrganisation, DateTimeOffset CreatedAt, int Version);

    public sealed record PartnerExportRow(Guid Id, Guid OrganisationId, string Organisation, PartnerRole Role, DateOnly JoinedOn, DateOnly? LeftOn,
        Guid? LeadContactId, string? LeadContact);

    public sealed record MemberExportRow(Guid AccountId, string Name, string? Email, PartnershipRole Role, Guid? OrganisationId, string? Organisation, DateTimeOffset Since);

    public sealed record MyPartnershipRow(Guid PartnershipId, string Partnership, PartnershipRole Role, Guid? OrganisationId, string? Represents, DateTimeOffset Since);

    public sealed record MyOrganisationRow(Guid OrganisationId, string Organisation, OrganisationRole Role, DateTimeOffset Since);

    public int Order => 10;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("partnership", () => db.Set<Partnership>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PartnershipExportRow(p.Id, p.Name, p.Purpose, p.Beneficiaries, p.Area, p.StartDate, p.EndDate, p.Funder, p.Status,
                p.LeadOrganisationId, p.LeadOrganisation!.Name, p.CreatedAt, p.Version))
            .AsAsyncEnumerable(),
        [
            new("Name", r => r.Name), new("What it is for", r => r.Purpose), new("Who benefits", r => r.Beneficiaries), new("Area", r => r.Area),
            new("Start date", r => r.StartDate), new("End date", r => r.EndDate), new("Funder", r => r.Funder),
            new("Status", r => Shared.Display.Name(r.Status)), new("Lead organisation", r => r.LeadOrganisation), new("Started", r => r.CreatedAt),
            new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("partners", () => db.Set<Partner>().AsNoTracking().Where(p => p.PartnershipId == id)
            .OrderBy(p => p.Organisation!.Name).ThenBy(p => p.Id)
            .Select(p => new PartnerExportRow(p.Id, p.OrganisationId, p.Organisation!.Name, p.Role, p.JoinedOn, p.LeftOn, p.LeadContactId,
                p.LeadContact == null ? null : p.LeadContact.DisplayName))
            .AsAsyncEnumerable(),
        [
            new("Organisation", r => r.Organisation), new("Partner role", r => Shared.Display.Name(r.Role)), new("Joined", r => r.JoinedOn),
            new("Left", r => r.LeftOn), new("Lead contact", r => r.LeadContact), new("Organisation id", r => r.OrganisationId.ToString()),
            new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("members", () => db.Set<PartnershipMembership>().AsNoTracking().Where(m => m.PartnershipId == id)
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.AccountId)
            .Select(m => new MemberExportRow(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role, m.OrganisationId,
                m.Organisation == null ? null : m.Organisation.Name, m.CreatedAt))
            .AsAsyncEnumerable(),
        [
            new("Name", r => r.Name), new("E-mail", r => r.Email), new("Role", r => Shared.Display.Name(r.Role)),
            new("Represents", r => r.Organisation), new("Member since", r => r.Since), new("Account id", r => r.AccountId.ToString()),
        ]);
    }

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("partnershipMemberships", () => db.Set<PartnershipMembership>().AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderBy(m => m.Partnership!.Name).ThenBy(m => m.PartnershipId)
            .Select(m => new MyPartnershipRow(m.PartnershipId, m.Partnership!.Name, m.Role, m.OrganisationId,
                m.Organisation == null ? null : m.Organisation.Name, m.CreatedAt))
            .AsAsyncEnumerable(),
        [
            new("Partnership", r => r.Partnership), new("Role", r => Shared.Display.Name(r.Role)), new("Represents", r => r.Represents),
            new("Member since", r => r.Since), new("Partnership id", r => r.PartnershipId.ToString()),
        ]);
        yield return ExportTable.Of("organisationMemberships", () => db.Set<OrganisationMembership>().AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderBy(m => m.Organisation!.Name).ThenBy(m => m.OrganisationId)
            .Select(m => new MyOrganisationRow(m.OrganisationId, m.Organisation!.Name, m.Role, m.CreatedAt))
            .AsAsyncEnumerable(),
        [
            new("Organisation", r => r.Organisation), new("Role", r => Shared.Display.Name(r.Role)), new("Member since", r => r.Since),
            new("Organisation id", r => r.OrganisationId.ToString()),
        ]);
    }
}
