using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Delivery;

public sealed record DeliveryModel(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyList<Workstream> Workstreams,
    IReadOnlyList<MatrixCell> Cells,
    IReadOnlyList<MatrixProblem> Problems)
{
    public RaciRole? RoleOf(Guid workstreamId, Guid partnerId) =>
        Cells.FirstOrDefault(c => c.WorkstreamId == workstreamId && c.PartnerId == partnerId)?.Role;
}

/// <summary>The delivery model: workstreams and the responsibility (RACI) matrix of partners × workstreams.
/// Coordinators change it; every member reads it. One SaveChanges per write, with its audit line.</summary>
public sealed class DeliveryService(ConcordDb db, Auditor auditor, TimeProvider clock)
{
    public const string WorkstreamSaved = "delivery.workstream-saved";
    public const string WorkstreamRemoved = "delivery.workstream-removed";
    public const string MatrixChanged = "delivery.matrix-changed";

    public static readonly IReadOnlyList<(RaciRole Role, string Letter, string Name)> Roles =
    [
        (RaciRole.Responsible, "R", "Responsible (does the work)"),
        (RaciRole.Accountable, "A", "Accountable (answers for the result)"),
        (RaciRole.Consulted, "C", "Consulted (asked before decisions)"),
        (RaciRole.Informed, "I", "Informed (kept up to date)"),
    ];

    public static string Letter(RaciRole role) => Roles.First(r => r.Role == role).Letter;

    public static bool TryParseRole(string? value, out RaciRole? role)
    {
        role = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var match = Roles.FirstOrDefault(r => string.Equals(r.Letter, value.Trim(), StringComparison.OrdinalIgnoreCase) ||
                                              string.Equals(r.Role.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match.Letter is null)
        {
            return false;
        }

        role = match.Role;
        return true;
    }

    public Task<DeliveryModel> LoadAsync(Guid partnershipId, CancellationToken ct) => LoadAsync(db, partnershipId, ct);

    public static async Task<DeliveryModel> LoadAsync(ConcordDb db, Guid partnershipId, CancellationToken ct)
    {
        var partners = await PartnerDirectory.CurrentAsync(db, partnershipId, ct);
        var workstreams = await db.Set<Workstream>().AsNoTracking().Where(w => w.PartnershipId == partnershipId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(ct);
        var current = partners.Select(p => p.Id).ToHashSet();
        var cells = (await db.Set<MatrixCell>().AsNoTracking().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct))
            .Where(c => current.Contains(c.PartnerId)).ToList();
        var problems = ResponsibilityMatrixRules.FindProblems(
            workstreams.Select(w => new MatrixWorkstream(w.Id, w.Title)),
            partners.Select(p => new MatrixPartner(p.Id, p.Name)),
            cells.Select(c => new RaciCell(c.PartnerId, c.WorkstreamId, c.Role)));
        return new DeliveryModel(partners, workstreams, cells, problems);
    }

    public async Task<(Workstream? Workstream, WriteResult Result)> SaveWorkstreamAsync(PartnershipContext context, Guid? workstreamId,
        string? title, string? description, int? expectedVersion, CancellationToken ct)
    {
        Workstream? workstream = null;
        if (workstreamId is not null)
        {
            workstream = await db.Set<Workstream>().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == context.Partnership.Id, ct);
            if (workstream is null)
            {
                return (null, WriteResult.NotFound);
            }
        }

        if (!context.CanManage)
        {
            return (null, WriteResult.Forbidden("Only the partnership's coordinators change the delivery model."));
        }

        var errors = new Dictionary<string, string>();
        var tidyTitle = title?.Trim();
        if (string.IsNullOrEmpty(tidyTitle))
        {
            errors["Title"] = "Give the workstream a title";
        }
        else if (tidyTitle.Length > 200)
        {
            errors["Title"] = "Keep the title to 200 characters or fewer";
        }

        var tidyDescription = description?.Trim() ?? "";
        if (tidyDescription.Length > 4000)
        {
            errors["Description"] = "Keep the description to 4000 characters or fewer";
        }

        if (workstream is not null && expectedVersion is null)
        {
            errors["Version"] = "Send the version of the workstream you read, so a stale edit is not saved over someone else's";
        }

        if (errors.Count > 0)
        {
            return (null, WriteResult.Invalid(errors));
        }

        if (workstream is null)
        {
            workstream = new Workstream { PartnershipId = context.Partnership.Id, Title = tidyTitle!, Description = tidyDescription, CreatedAt = clock.GetUtcNow(), Version = 1 };
            db.Add(workstream);
        }
        else
        {
            if (workstream.Version != expectedVersion)
            {
                return (workstream, WriteResult.Stale("Someone else changed this workstream while you were editing it."));
            }

            db.ExpectVersion(workstream, expectedVersion!.Value);
            workstream.Title = tidyTitle!;
            workstream.Description = tidyDescription;
        }

        auditor.Record(WorkstreamSaved, nameof(Workstream), workstream.Id, partnershipId: context.Partnership.Id, details: tidyTitle);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, WriteResult.Stale("Someone else changed this workstream while you were editing it."));
        }

        return (workstream, WriteResult.Ok);
    }

    public async Task<WriteResult> RemoveWorkstreamAsync(PartnershipContext context, Guid workstreamId, CancellationToken ct)
    {
        var workstream = await db.Set<Workstream>().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == context.Partnership.Id, ct);
        if (workstream is null)
        {
            return WriteResult.NotFound;
        }

        if (!context.CanManage)
        {
            return WriteResult.Forbidden("Only the partnership's coordinators change the delivery model.");
        }

        db.Remove(workstream);
        auditor.Record(WorkstreamRemoved, nameof(Workstream), workstream.Id, partnershipId: context.Partnership.Id, details: workstream.Title);
        await db.SaveChangesAsync(ct);
        return WriteResult.Ok;
    }

    /// <summary>Sets several cells at once (null role empties the cell). Cells must name this partnership's
    /// current partners and workstreams. The whole grid is one SaveChanges.</summary>
    public async Task<WriteResult> SetCellsAsync(PartnershipContext context, IReadOnlyList<(Guid WorkstreamId, Guid PartnerId, RaciRole? Role)> changes, CancellationToken ct)
    {
        if (!context.CanManage)
        {
            return WriteResult.Forbidden("Only the partnership's coordinators change the responsibility matrix.");
        }

        var partnershipId = context.Partnership.Id;
        var partners = (await PartnerDirectory.CurrentAsync(db, partnershipId, ct)).Select(p => p.Id).ToHashSet();
        var workstreams = (await db.Set<Workstream>().Where(w => w.PartnershipId == partnershipId).Select(w => w.Id).ToListAsync(ct)).ToHashSet();
        if (changes.Any(c => !partners.Contains(c.PartnerId)))
        {
            return WriteResult.Invalid(new() { ["PartnerId"] = "Choose one of the partnership's current partners" });
        }

        if (changes.Any(c => !workstreams.Contains(c.WorkstreamId)))
        {
            return WriteResult.Invalid(new() { ["WorkstreamId"] = "Choose one of the partnership's workstreams" });
        }

        var existing = await db.Set<MatrixCell>().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct);
        var changed = 0;
        foreach (var (workstreamId, partnerId, role) in changes.DistinctBy(c => (c.WorkstreamId, c.PartnerId)))
        {
            var cell = existing.FirstOrDefault(c => c.WorkstreamId == workstreamId && c.PartnerId == partnerId);
            if (cell is not null && role is null)
            {
                db.Remove(cell);
                changed++;
            }
            else if (cell is not null && cell.Role != role)
            {
                cell.Role = role!.Value;
                changed++;
            }
            else if (cell is null && role is not null)
            {
                db.Add(new MatrixCell { WorkstreamId = workstreamId, PartnerId = partnerId, PartnershipId = partnershipId, Role = role.Value });
                changed++;
            }
        }

        if (changed > 0)
        {
            auditor.Record(MatrixChanged, nameof(Partnership), partnershipId, partnershipId: partnershipId, details: $"{changed} cell(s) of the responsibility matrix changed");
            await db.SaveChangesAsync(ct);
        }

        return WriteResult.Ok;
    }

    /// <summary>The delivery model as Markdown, for the agreement's snapshot.</summary>
    public static string Snapshot(DeliveryModel model)
    {
        var text = new System.Text.StringBuilder();
        text.Append("## Delivery model\n\n");
        if (model.Workstreams.Count == 0)
        {
            text.Append("No workstreams have been agreed yet.\n");
            return text.ToString();
        }

        foreach (var w in model.Workstreams)
        {
            text.Append("### ").Append(w.Title).Append("\n\n");
            if (!string.IsNullOrWhiteSpace(w.Description))
            {
                text.Append(w.Description.ReplaceLineEndings("\n")).Append("\n\n");
            }

            foreach (var (role, _, name) in Roles)
            {
                var who = model.Partners.Where(p => model.RoleOf(w.Id, p.Id) == role).Select(p => p.Name).ToList();
                text.Append("- ").Append(name).Append(": ").Append(who.Count == 0 ? "nobody" : string.Join(", ", who)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
