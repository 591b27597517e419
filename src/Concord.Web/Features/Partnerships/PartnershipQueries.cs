using Concord.Web.Features.Organisations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Partnerships;

public sealed record PartnerRow(Guid Id, Guid OrganisationId, string Organisation, OrganisationType Type, PartnerRole Role, DateOnly JoinedOn,
    DateOnly? LeftOn, Guid? LeadContactId, string? LeadContact, int Version);

public sealed record MemberRow(Guid AccountId, string Name, string? Email, PartnershipRole Role, Guid? OrganisationId, string? Organisation)
{
    public string Who => string.IsNullOrWhiteSpace(Name) ? Email ?? "Name not given" : Name;
}

public sealed record MyPartnershipRow(Partnership Partnership, PartnershipRole Role, string? LeadOrganisation);

/// <summary>Reads of partnerships, their partners and people, shared by pages and the API. Each is one query, whatever the size.</summary>
public sealed class PartnershipQueries(ConcordDb db, CurrentUser user)
{
    public async Task<PagedList<MyPartnershipRow>> MineAsync(PageRequest page, CancellationToken ct)
    {
        var mine = db.Set<PartnershipMembership>().Where(m => m.AccountId == user.Id);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderBy(m => m.Partnership!.Name).ThenBy(m => m.PartnershipId)
            .Skip(page.Skip).Take(page.Size)
            .Select(m => new MyPartnershipRow(m.Partnership!, m.Role, m.Partnership!.LeadOrganisation!.Name))
            .ToListAsync(ct);
        return page.Of(rows, total);
    }

    public Task<string?> LeadOrganisationAsync(PartnershipScope scope, CancellationToken ct) =>
        db.Set<Organisation>().Where(o => o.Id == scope.Partnership.LeadOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);

    public IQueryable<PartnerRow> Partners(PartnershipScope scope, Guid? partnerId = null) =>
        db.Set<Partner>().Where(p => p.PartnershipId == scope.Id && (partnerId == null || p.Id == partnerId))
            .OrderBy(p => p.LeftOn != null).ThenBy(p => p.Organisation!.Name)
            .Select(p => new PartnerRow(p.Id, p.OrganisationId, p.Organisation!.Name, p.Organisation.Type, p.Role, p.JoinedOn, p.LeftOn,
                p.LeadContactId, p.LeadContact == null ? null : p.LeadContact.DisplayName, p.Version));

    public IQueryable<MemberRow> Members(PartnershipScope scope, Guid? accountId = null) =>
        db.Set<PartnershipMembership>().Where(m => m.PartnershipId == scope.Id && (accountId == null || m.AccountId == accountId))
            .OrderBy(m => m.Account!.DisplayName).ThenBy(m => m.Account!.Email).ThenBy(m => m.AccountId)
            .Select(m => new MemberRow(m.AccountId, m.Account!.DisplayName, m.Account.Email, m.Role, m.OrganisationId,
                m.Organisation == null ? null : m.Organisation.Name));
}
