using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments;

/// <summary>A commitment as lists, exports and the API show it, with the status worked out for today.</summary>
public sealed record CommitmentRow(
    Guid Id, Guid PartnershipId, string Partnership, string What, Guid OwnerPartnerId, string OwnerOrganisation,
    Guid? OwnerPersonId, string? OwnerPerson, DateOnly DueDate, string DoneWhen, CommitmentSource Source, Guid? SourceLedgerEntryId,
    CommitmentStatus ReportedStatus, CommitmentStatus Status, DateOnly? DoneOn, string DueHint, int Version, DateTimeOffset CreatedAt);

/// <summary>On-time delivery for one partner, with its name.</summary>
public sealed record PartnerDeliveryRow(Guid PartnerId, string Organisation, int Counted, int OnTime, double? Percent);

/// <summary>Which commitments a list shows. Every scope is limited to partnerships the caller belongs to.</summary>
public enum CommitmentScope
{
    Partnership,
    Mine,
    MyOrganisations,
}

public sealed class CommitmentQueries(ConcordDb db, CurrentUser user, TimeProvider clock)
{
    public DateOnly Today => CommitmentRules.TodayInLondon(clock);

    private IQueryable<Commitment> Visible()
    {
        var me = user.Id;
        return db.Set<Commitment>().Where(c => db.Set<PartnershipMembership>().Any(m => m.PartnershipId == c.PartnershipId && m.AccountId == me));
    }

    /// <summary>The caller's view: one partnership's, the caller's own (owner person), or their organisations'.</summary>
    public async Task<List<CommitmentRow>> ListAsync(CommitmentScope scope, Guid? partnershipId, CommitmentStatus? status, CancellationToken ct)
    {
        var me = user.Id;
        var query = Visible();
        query = scope switch
        {
            CommitmentScope.Partnership => query.Where(c => c.PartnershipId == partnershipId),
            CommitmentScope.Mine => query.Where(c => c.OwnerPersonId == me),
            _ => query.Where(c => db.Set<PartnershipMembership>().Any(m =>
                m.PartnershipId == c.PartnershipId && m.AccountId == me && m.OrganisationId == c.OwnerPartner!.OrganisationId)),
        };
        var rows = await Project(query).ToListAsync(ct);
        var today = Today;
        var list = rows.Select(r => Finish(r, today)).OrderBy(r => r.Status == CommitmentStatus.Done ? 1 : 0).ThenBy(r => r.DueDate).ThenBy(r => r.What).ToList();
        return status is null ? list : list.Where(r => r.Status == status).ToList();
    }

    public async Task<CommitmentRow?> FindAsync(Guid partnershipId, Guid id, CancellationToken ct)
    {
        var row = await Project(Visible().Where(c => c.PartnershipId == partnershipId && c.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? null : Finish(row, Today);
    }

    public async Task<List<PartnerDeliveryRow>> OnTimeAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await db.Set<Partner>().Where(p => p.PartnershipId == partnershipId)
            .OrderBy(p => p.Organisation!.Name).Select(p => new { p.Id, p.Organisation!.Name }).ToListAsync(ct);
        var facts = await db.Set<Commitment>().Where(c => c.PartnershipId == partnershipId)
            .Select(c => new CommitmentFacts(c.Id, c.OwnerPartnerId, c.DueDate, c.ReportedStatus, c.DoneOn)).ToListAsync(ct);
        var delivery = CommitmentRules.OnTimeDelivery(facts, Today).ToDictionary(d => d.PartnerId);
        return partners.Select(p => delivery.TryGetValue(p.Id, out var d)
            ? new PartnerDeliveryRow(p.Id, p.Name, d.Counted, d.OnTime, d.Percent)
            : new PartnerDeliveryRow(p.Id, p.Name, 0, 0, null)).ToList();
    }

    public async Task<List<CommitmentUpdate>> UpdatesAsync(Guid commitmentId, CancellationToken ct) =>
        await db.Set<CommitmentUpdate>().AsNoTracking().Include(u => u.By).Where(u => u.CommitmentId == commitmentId)
            .OrderByDescending(u => u.Date).ThenByDescending(u => u.RecordedAt).ToListAsync(ct);

    private IQueryable<CommitmentRow> Project(IQueryable<Commitment> query) =>
        query.Select(c => new CommitmentRow(
            c.Id, c.PartnershipId, db.Set<Partnership>().Where(p => p.Id == c.PartnershipId).Select(p => p.Name).First(),
            c.What, c.OwnerPartnerId, c.OwnerPartner!.Organisation!.Name, c.OwnerPersonId, c.OwnerPerson!.DisplayName,
            c.DueDate, c.DoneWhen, c.Source, c.SourceLedgerEntryId, c.ReportedStatus, c.ReportedStatus, c.DoneOn, "", c.Version, c.CreatedAt));

    private static CommitmentRow Finish(CommitmentRow r, DateOnly today)
    {
        var status = CommitmentRules.EffectiveStatus(r.ReportedStatus, r.DueDate, today);
        var hint = status == CommitmentStatus.Done
            ? (CommitmentRules.DoneOnTime(r.DoneOn, r.DueDate) ? "done on time" : "done late")
            : CommitmentRules.DueHint(r.DueDate, today);
        return r with { Status = status, DueHint = hint };
    }
}
