using System.Linq.Expressions;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments;

/// <summary>A commitment as lists, exports and the API show it, with the status worked out for today.</summary>
public sealed record CommitmentRow(
    Guid Id, Guid PartnershipId, string Partnership, string What, Guid OwnerPartnerId, string OwnerOrganisation,
    Guid? OwnerPersonId, string? OwnerPerson, DateOnly DueDate, string DoneWhen, CommitmentSource Source, Guid? SourceLedgerEntryId,
    CommitmentStatus ReportedStatus, CommitmentStatus Status, DateOnly? DoneOn, string DueHint, int Version, DateTimeOffset CreatedAt);

/// <summary>On-time delivery for one partner, with its name.</summary>
public sealed record PartnerDeliveryRow(Guid PartnerId, string Organisation, int Counted, int OnTime, double? Percent);

/// <summary>What the partnership home needs: how many in each state, and the first few that need attention.</summary>
public sealed record CommitmentAttention(int Total, int LateCount, int AtRiskCount, int DueSoonCount,
    IReadOnlyList<CommitmentRow> Late, IReadOnlyList<CommitmentRow> AtRisk, IReadOnlyList<CommitmentRow> DueSoon);

/// <summary>Which commitments a list across partnerships shows. Both are limited to partnerships the caller belongs to.</summary>
public enum MyCommitments
{
    /// <summary>Those the caller is the named owner of.</summary>
    Mine,
    /// <summary>Those owned by the organisations the caller represents.</summary>
    MyOrganisations,
}

/// <summary>
/// Reads of commitments. Partnership lists take the request's <see cref="PartnershipScope"/>; the status shown is worked out
/// in SQL for today's London date (<see cref="StatusIs"/>, the same rule as <see cref="CommitmentRules.EffectiveStatus(CommitmentStatus, DateOnly, DateOnly)"/>),
/// so filters, counts and paging happen in the database and no list loads more than a page.
/// </summary>
public sealed class CommitmentQueries(ConcordDb db, CurrentUser user, TimeProvider clock)
{
    public const int DueSoonDays = 7;
    public const int AttentionShown = 5;

    public DateOnly Today => London.Today(clock);

    /// <summary>The SQL form of <see cref="CommitmentRules.EffectiveStatus(CommitmentStatus, DateOnly, DateOnly)"/>.</summary>
    public static Expression<Func<Commitment, bool>> StatusIs(CommitmentStatus status, DateOnly today) => status switch
    {
        CommitmentStatus.Done => c => c.ReportedStatus == CommitmentStatus.Done,
        CommitmentStatus.Late => c => c.ReportedStatus != CommitmentStatus.Done && (c.DueDate < today || c.ReportedStatus == CommitmentStatus.Late),
        CommitmentStatus.AtRisk => c => c.ReportedStatus == CommitmentStatus.AtRisk && c.DueDate >= today,
        _ => c => c.ReportedStatus == CommitmentStatus.OnTrack && c.DueDate >= today,
    };

    private static IQueryable<Commitment> Ordered(IQueryable<Commitment> query) =>
        query.OrderBy(c => c.ReportedStatus == CommitmentStatus.Done ? 1 : 0).ThenBy(c => c.DueDate).ThenBy(c => c.What).ThenBy(c => c.Id);

    private IQueryable<Commitment> Filtered(IQueryable<Commitment> query, CommitmentStatus? status) =>
        status is { } s ? query.Where(StatusIs(s, Today)) : query;

    /// <summary>One page of the partnership's commitments, open ones first by due date.</summary>
    public async Task<PagedList<CommitmentRow>> ListAsync(PartnershipScope scope, CommitmentStatus? status, PageRequest page, CancellationToken ct)
    {
        var query = Filtered(db.Set<Commitment>().Where(c => c.PartnershipId == scope.Id), status);
        var total = await query.CountAsync(ct);
        var rows = await Project(Ordered(query).Skip(page.Skip).Take(page.Size)).ToListAsync(ct);
        return page.Of(Finish(rows), total);
    }

    /// <summary>Every commitment of the partnership, read as it is written out (CSV, JSON, the hand-over export).</summary>
    public IAsyncEnumerable<CommitmentRow> StreamAsync(Guid partnershipId)
    {
        var today = Today;
        return Project(Ordered(db.Set<Commitment>().AsNoTracking().Where(c => c.PartnershipId == partnershipId)))
            .AsAsyncEnumerable().Select(r => Finish(r, today));
    }

    /// <summary>Commitments across the caller's partnerships: their own, or their organisations'.</summary>
    public async Task<PagedList<CommitmentRow>> MineAsync(MyCommitments which, CommitmentStatus? status, PageRequest page, CancellationToken ct)
    {
        var me = user.Id;
        var mine = db.Set<Commitment>().Where(c => db.Set<PartnershipMembership>().Any(m => m.PartnershipId == c.PartnershipId && m.AccountId == me));
        mine = which == MyCommitments.Mine
            ? mine.Where(c => c.OwnerPersonId == me)
            : mine.Where(c => db.Set<PartnershipMembership>().Any(m =>
                m.PartnershipId == c.PartnershipId && m.AccountId == me && m.OrganisationId == c.OwnerPartner!.OrganisationId));
        var query = Filtered(mine, status);
        var total = await query.CountAsync(ct);
        var rows = await Project(Ordered(query).Skip(page.Skip).Take(page.Size)).ToListAsync(ct);
        return page.Of(Finish(rows), total);
    }

    public async Task<CommitmentRow?> FindAsync(PartnershipScope scope, Guid id, CancellationToken ct)
    {
        var row = await Project(db.Set<Commitment>().Where(c => c.PartnershipId == scope.Id && c.Id == id)).FirstOrDefaultAsync(ct);
        return row is null ? null : Finish(row, Today);
    }

    /// <summary>Counts by state in one grouped query, then the first few late, at risk and due soon: the same five queries however many there are.</summary>
    public async Task<CommitmentAttention> AttentionAsync(PartnershipScope scope, CancellationToken ct)
    {
        var today = Today;
        var horizon = today.AddDays(DueSoonDays);
        var all = db.Set<Commitment>().Where(c => c.PartnershipId == scope.Id);
        var counts = await all.GroupBy(_ => 1).Select(g => new
        {
            Total = g.Count(),
            Late = g.Count(c => c.ReportedStatus != CommitmentStatus.Done && (c.DueDate < today || c.ReportedStatus == CommitmentStatus.Late)),
            AtRisk = g.Count(c => c.ReportedStatus == CommitmentStatus.AtRisk && c.DueDate >= today),
            DueSoon = g.Count(c => c.ReportedStatus == CommitmentStatus.OnTrack && c.DueDate >= today && c.DueDate <= horizon),
        }).FirstOrDefaultAsync(ct);
        if (counts is null)
        {
            return new CommitmentAttention(0, 0, 0, 0, [], [], []);
        }

        async Task<IReadOnlyList<CommitmentRow>> FirstAsync(Expression<Func<Commitment, bool>> which, int count) =>
            count == 0 ? [] : Finish(await Project(Ordered(all.Where(which)).Take(AttentionShown)).ToListAsync(ct));

        return new CommitmentAttention(counts.Total, counts.Late, counts.AtRisk, counts.DueSoon,
            await FirstAsync(StatusIs(CommitmentStatus.Late, today), counts.Late),
            await FirstAsync(StatusIs(CommitmentStatus.AtRisk, today), counts.AtRisk),
            await FirstAsync(c => c.ReportedStatus == CommitmentStatus.OnTrack && c.DueDate >= today && c.DueDate <= horizon, counts.DueSoon));
    }

    /// <summary>
    /// On-time delivery per partner, counted in SQL by <see cref="CommitmentRules.OnTimeDelivery"/>'s rule: of the commitments
    /// whose outcome is known (done with a date, or not done and past due), how many were done by the due date.
    /// </summary>
    public async Task<List<PartnerDeliveryRow>> OnTimeAsync(PartnershipScope scope, CancellationToken ct)
    {
        var today = Today;
        var rows = await db.Set<Partner>().Where(p => p.PartnershipId == scope.Id)
            .OrderBy(p => p.Organisation!.Name)
            .Select(p => new
            {
                p.Id,
                p.Organisation!.Name,
                Counted = db.Set<Commitment>().Count(c => c.OwnerPartnerId == p.Id &&
                    ((c.ReportedStatus == CommitmentStatus.Done && c.DoneOn != null) || (c.ReportedStatus != CommitmentStatus.Done && c.DueDate < today))),
                OnTime = db.Set<Commitment>().Count(c => c.OwnerPartnerId == p.Id &&
                    c.ReportedStatus == CommitmentStatus.Done && c.DoneOn != null && c.DoneOn <= c.DueDate),
            })
            .ToListAsync(ct);
        return rows.Select(r => new PartnerDeliveryRow(r.Id, r.Name, r.Counted, r.OnTime, r.Counted == 0 ? null : 100.0 * r.OnTime / r.Counted)).ToList();
    }

    /// <summary>The commitment's status updates, newest first (a commitment has a handful; the page shows them all).</summary>
    public async Task<List<CommitmentUpdate>> UpdatesAsync(Guid commitmentId, CancellationToken ct) =>
        await db.Set<CommitmentUpdate>().AsNoTracking().Include(u => u.By).Where(u => u.CommitmentId == commitmentId)
            .OrderByDescending(u => u.Date).ThenByDescending(u => u.RecordedAt).Take(200).ToListAsync(ct);

    private IQueryable<CommitmentRow> Project(IQueryable<Commitment> query) =>
        query.Select(c => new CommitmentRow(
            c.Id, c.PartnershipId, db.Set<Partnership>().Where(p => p.Id == c.PartnershipId).Select(p => p.Name).First(),
            c.What, c.OwnerPartnerId, c.OwnerPartner!.Organisation!.Name, c.OwnerPersonId, c.OwnerPerson!.DisplayName,
            c.DueDate, c.DoneWhen, c.Source, c.SourceLedgerEntryId, c.ReportedStatus, c.ReportedStatus, c.DoneOn, "", c.Version, c.CreatedAt));

    private List<CommitmentRow> Finish(List<CommitmentRow> rows)
    {
        var today = Today;
        return rows.Select(r => Finish(r, today)).ToList();
    }

    /// <summary>The status shown today and its hint: "12 days late", "due in 3 days", "done on time", or — reported late
    /// before its date — "reported late · due in 12 days", so the words agree with the Late tag.</summary>
    public static CommitmentRow Finish(CommitmentRow r, DateOnly today)
    {
        var status = CommitmentRules.EffectiveStatus(r.ReportedStatus, r.DueDate, today);
        var hint = status switch
        {
            CommitmentStatus.Done => CommitmentRules.DoneOnTime(r.DoneOn, r.DueDate) ? "done on time" : "done late",
            CommitmentStatus.Late when r.DueDate >= today => "reported late · " + CommitmentRules.DueHint(r.DueDate, today),
            _ => CommitmentRules.DueHint(r.DueDate, today),
        };
        return r with { Status = status, DueHint = hint };
    }
}
