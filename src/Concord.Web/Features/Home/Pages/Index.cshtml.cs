using Concord.Web.Features.Accounts;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Home.Pages;

/// <summary>
/// Each person's home: their partnerships and organisations, and what their network role needs — for a network admin the
/// organisations, the partnerships of the network and what waits for them; for the learning team the moderation queue;
/// for an observer (such as a funder) the partnerships they observe. Before set-up, it says how to set up.
/// The number of queries is fixed by the role, never by the size of the network.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(ConcordDb db, CurrentUser user, TimeProvider clock) : PageModel
{
    /// <summary>How many of the network's partnerships a network admin's home lists.</summary>
    public const int OverviewSize = 20;

    public sealed record PartnershipCard(Guid Id, string Name, PartnershipStatus Status, PartnershipRole Role);

    public sealed record OrganisationCard(Guid Id, string Name, OrganisationType Type, OrganisationRole Role);

    public sealed record NetworkPartnership(string Name, PartnershipStatus Status, Guid LeadOrganisationId, string LeadOrganisation, Guid? LinkIfMember);

    /// <summary>What a network admin sees: the network's organisations and partnerships, and what waits for them.</summary>
    public sealed record AdminOverview(int Organisations, int OrganisationsWithoutAdmin, int Partnerships, IReadOnlyList<NetworkPartnership> RecentPartnerships,
        int InvitationsWaiting, int InvitationsExpired);

    public bool IsSetUp { get; private set; }
    public string? NetworkName { get; private set; }
    public string DisplayName => user.DisplayName;
    public NetworkRole NetworkRole => user.NetworkRole;
    public bool CanStartPartnership { get; private set; }
    public IReadOnlyList<PartnershipCard> Partnerships { get; private set; } = [];
    public IReadOnlyList<PartnershipCard> Observing => Partnerships.Where(p => p.Role == PartnershipRole.Observer).ToList();
    public IReadOnlyList<PartnershipCard> Working => Partnerships.Where(p => p.Role != PartnershipRole.Observer).ToList();
    public IReadOnlyList<OrganisationCard> Organisations { get; private set; } = [];
    public AdminOverview? Admin { get; private set; }
    public int? LessonsAwaitingModeration { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IsSetUp = await FirstStart.IsSetUpAsync(db, ct);
        if (!IsSetUp)
        {
            return Page();
        }

        if (!user.IsAuthenticated)
        {
            return Challenge();
        }

        NetworkName = await db.Set<Network.Network>().OrderBy(n => n.CreatedAt).Select(n => n.Name).FirstOrDefaultAsync(ct);
        Partnerships = await db.Set<PartnershipMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Partnership!.Name)
            .Select(m => new PartnershipCard(m.PartnershipId, m.Partnership!.Name, m.Partnership.Status, m.Role))
            .ToListAsync(ct);
        Organisations = await db.Set<OrganisationMembership>()
            .Where(m => m.AccountId == user.Id)
            .OrderBy(m => m.Organisation!.Name)
            .Select(m => new OrganisationCard(m.OrganisationId, m.Organisation!.Name, m.Organisation.Type, m.Role))
            .ToListAsync(ct);
        // Anyone who is an admin or member of staff of an organisation may start one (network admins too): the same rule as the start page.
        CanStartPartnership = user.IsNetworkAdmin || Organisations.Any(o => o.Role is OrganisationRole.Admin or OrganisationRole.Staff);

        if (user.IsNetworkAdmin)
        {
            Admin = await AdminOverviewAsync(ct);
        }

        if (user.IsLearningTeam)
        {
            LessonsAwaitingModeration = await db.Set<Lesson>().CountAsync(l => l.Moderation == ModerationState.Pending, ct);
        }

        return Page();
    }

    private async Task<AdminOverview> AdminOverviewAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organisationCount = await db.Set<Organisation>().CountAsync(ct);
        var withoutAdmin = await db.Set<Organisation>()
            .CountAsync(o => !db.Set<OrganisationMembership>().Any(m => m.OrganisationId == o.Id && m.Role == OrganisationRole.Admin), ct);
        var partnershipCount = await db.Set<Partnership>().CountAsync(ct);
        var me = user.Id;
        var recent = await db.Set<Partnership>().OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Take(OverviewSize)
            .Select(p => new NetworkPartnership(p.Name, p.Status, p.LeadOrganisationId, p.LeadOrganisation!.Name,
                db.Set<PartnershipMembership>().Where(m => m.PartnershipId == p.Id && m.AccountId == me).Select(m => (Guid?)m.PartnershipId).FirstOrDefault()))
            .ToListAsync(ct);
        var open = db.Set<Invitation>().Where(i => i.AcceptedAt == null && i.RevokedAt == null);
        var waiting = await open.CountAsync(i => i.ExpiresAt > now, ct);
        var expired = await open.CountAsync(i => i.ExpiresAt <= now, ct);
        return new AdminOverview(organisationCount, withoutAdmin, partnershipCount, recent, waiting, expired);
    }
}
