using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Delivery;

public sealed record DeliveryModel(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyList<Workstream> Workstreams,
    IReadOnlyList<MatrixCell> Cells,
    IReadOnlyList<MatrixProblem> Problems)
{
    /// <summary>The roles a partner holds in a workstream, in R, A, C, I order; empty when the cell is empty.</summary>
    public IReadOnlyList<RaciRole> RolesOf(Guid workstreamId, Guid partnerId) =>
        Cells.Where(c => c.WorkstreamId == workstreamId && c.PartnerId == partnerId).Select(c => c.Role).Order().ToList();
}

/// <summary>One cell to set to exactly <see cref="Roles"/> (empty clears it): <see cref="Version"/> is the version of its
/// workstream the person read.</summary>
public sealed record CellChange(Guid WorkstreamId, Guid PartnerId, IReadOnlySet<RaciRole> Roles, int? Version);

/// <summary>The delivery model: workstreams and the responsibility (RACI) matrix of partners × workstreams.
/// Coordinators change it; every member reads it. One SaveChanges per write, with its audit line.</summary>
public sealed class DeliveryService(ConcordDb db, PartnerDirectory directory, Auditor auditor, TimeProvider clock)
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

    /// <summary>The letters of a cell, such as "RA"; empty for an empty cell.</summary>
    public static string Letters(IEnumerable<RaciRole> roles) => string.Concat(roles.Order().Select(Letter));

    /// <summary>The roles of a cell in words, such as "Responsible (does the work), Accountable (answers for the result)".</summary>
    public static string? Names(IEnumerable<RaciRole> roles)
    {
        var names = roles.Order().Select(r => Roles.First(x => x.Role == r).Name).ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    /// <summary>
    /// Reads the roles of a cell from letters ("RA", "R, A", "r a") or words ("Responsible, Accountable"); empty or
    /// blank is an empty cell. False when any part is not a role.
    /// </summary>
    public static bool TryParseRoles(string? value, out HashSet<RaciRole> roles)
    {
        roles = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        foreach (var part in value.Split([',', ' ', ';', '/', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var word = Roles.FirstOrDefault(r => string.Equals(r.Role.ToString(), part, StringComparison.OrdinalIgnoreCase));
            if (word.Letter is not null)
            {
                roles.Add(word.Role);
                continue;
            }

            foreach (var ch in part)
            {
                var letter = Roles.FirstOrDefault(r => string.Equals(r.Letter, ch.ToString(), StringComparison.OrdinalIgnoreCase));
                if (letter.Letter is null)
                {
                    roles.Clear();
                    return false;
                }

                roles.Add(letter.Role);
            }
        }

        return true;
    }

    public async Task<DeliveryModel> LoadAsync(Guid partnershipId, CancellationToken ct) =>
        await LoadAsync(db, await directory.CurrentAsync(partnershipId, ct), partnershipId, ct);

    public static async Task<DeliveryModel> LoadAsync(ConcordDb db, Guid partnershipId, CancellationToken ct) =>
        await LoadAsync(db, await PartnerDirectory.LoadAsync(db, partnershipId, ct), partnershipId, ct);

    /// <summary>For the partnership home: how many workstreams there are and how many break the matrix rules, in one query.</summary>
    public async Task<(int Workstreams, int Problems)> SummaryAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await directory.CurrentAsync(partnershipId, ct);
        var rows = await db.Set<Workstream>().AsNoTracking().Where(w => w.PartnershipId == partnershipId)
            .Select(w => new { w.Id, w.Title, Cells = db.Set<MatrixCell>().Where(c => c.WorkstreamId == w.Id).Select(c => new { c.PartnerId, c.Role }).ToList() })
            .ToListAsync(ct);
        var current = partners.Select(p => p.Id).ToHashSet();
        var problems = ResponsibilityMatrixRules.FindProblems(
            rows.Select(w => new MatrixWorkstream(w.Id, w.Title)),
            partners.Select(p => new MatrixPartner(p.Id, p.Name)),
            rows.SelectMany(w => w.Cells.Where(c => current.Contains(c.PartnerId)).Select(c => new RaciCell(c.PartnerId, w.Id, c.Role))));
        return (rows.Count, problems.Count);
    }

    internal static async Task<DeliveryModel> LoadAsync(ConcordDb db, IReadOnlyList<PartnerInfo> partners, Guid partnershipId, CancellationToken ct)
    {
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

    private static WriteFailure? CheckManage(PartnershipScope scope) =>
        scope.Can(PartnershipOperation.Manage) ? null : WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));

    public async Task<WriteResult<Workstream>> SaveWorkstreamAsync(PartnershipScope scope, Guid? workstreamId,
        string? title, string? description, int? expectedVersion, CancellationToken ct)
    {
        if (CheckManage(scope) is { } refused)
        {
            return refused;
        }

        Workstream? workstream = null;
        if (workstreamId is not null)
        {
            workstream = await db.Set<Workstream>().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == scope.Id, ct);
            if (workstream is null)
            {
                return WriteFailure.NotFound();
            }
        }

        var errors = new FieldErrors();
        var tidyTitle = title?.Trim();
        if (string.IsNullOrEmpty(tidyTitle))
        {
            errors.Add("Title", "Give the workstream a title");
        }
        else if (tidyTitle.Length > 200)
        {
            errors.Add("Title", "Keep the title to 200 characters or fewer");
        }

        var tidyDescription = description?.Trim() ?? "";
        if (tidyDescription.Length > 4000)
        {
            errors.Add("Description", "Keep the description to 4000 characters or fewer");
        }

        if (workstream is not null && expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the workstream you read, so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (workstream is null)
        {
            workstream = new Workstream { PartnershipId = scope.Id, Title = tidyTitle!, Description = tidyDescription, CreatedAt = clock.GetUtcNow(), Version = 1 };
            db.Add(workstream);
        }
        else
        {
            if (workstream.Version != expectedVersion)
            {
                return WriteFailure.Stale(WriteFailure.StaleMessage("workstream"), workstream);
            }

            db.ExpectVersion(workstream, expectedVersion!.Value);
            workstream.Title = tidyTitle!;
            workstream.Description = tidyDescription;
        }

        auditor.Record(WorkstreamSaved, nameof(Workstream), workstream.Id, partnershipId: scope.Id, details: tidyTitle);
        return await db.SaveVersionedAsync(workstream, "workstream", ct);
    }

    public async Task<WriteResult<Workstream>> RemoveWorkstreamAsync(PartnershipScope scope, Guid workstreamId, CancellationToken ct)
    {
        if (CheckManage(scope) is { } refused)
        {
            return refused;
        }

        var workstream = await db.Set<Workstream>().FirstOrDefaultAsync(w => w.Id == workstreamId && w.PartnershipId == scope.Id, ct);
        if (workstream is null)
        {
            return WriteFailure.NotFound();
        }

        db.Remove(workstream);
        auditor.Record(WorkstreamRemoved, nameof(Workstream), workstream.Id, partnershipId: scope.Id, details: workstream.Title);
        await db.SaveChangesAsync(ct);
        return workstream;
    }

    public const string StaleGrid = "Someone else changed the responsibility matrix while you were editing it. Your changes have not been saved. " +
                                    "Compare the two versions, then save again to replace theirs with yours, or cancel to keep theirs";

    /// <summary>
    /// Sets several cells at once (null role empties the cell). Each change names the version of its workstream the person
    /// read (<see cref="CellChange.Version"/>): the grid's rows are versioned through their workstreams, and saving a row moves
    /// its workstream's version on. When any row is stale nothing is written and the answer is Stale with the saved model.
    /// Cells must name this partnership's current partners and workstreams. The whole grid is one SaveChanges.
    /// </summary>
    public async Task<WriteResult<DeliveryModel>> SetCellsAsync(PartnershipScope scope, IReadOnlyList<CellChange> changes, CancellationToken ct)
    {
        if (CheckManage(scope) is { } refused)
        {
            return refused;
        }

        var partnershipId = scope.Id;
        var partners = (await directory.CurrentAsync(partnershipId, ct)).Select(p => p.Id).ToHashSet();
        var workstreams = await db.Set<Workstream>().Where(w => w.PartnershipId == partnershipId).ToDictionaryAsync(w => w.Id, ct);
        var errors = new FieldErrors();
        if (changes.Count == 0)
        {
            errors.Add("Cells", "Send at least one cell");
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            if (!partners.Contains(c.PartnerId))
            {
                errors.Add($"Cells[{i}].PartnerId", "Choose one of the partnership's current partners");
            }

            if (!workstreams.ContainsKey(c.WorkstreamId))
            {
                errors.Add($"Cells[{i}].WorkstreamId", "Choose one of the partnership's workstreams");
            }

            if (c.Version is null)
            {
                errors.Add($"Cells[{i}].Version", "Send the version of the workstream you read, so a stale edit is not saved over someone else's");
            }
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (changes.Any(c => workstreams[c.WorkstreamId].Version != c.Version))
        {
            return WriteFailure.Stale(StaleGrid, await LoadAsync(partnershipId, ct));
        }

        var existing = await db.Set<MatrixCell>().Where(c => c.PartnershipId == partnershipId).ToListAsync(ct);
        var changed = 0;
        var touched = new HashSet<Guid>();
        foreach (var (workstreamId, partnerId, roles, _) in changes.DistinctBy(c => (c.WorkstreamId, c.PartnerId)))
        {
            var held = existing.Where(c => c.WorkstreamId == workstreamId && c.PartnerId == partnerId).ToList();
            if (held.Select(c => c.Role).ToHashSet().SetEquals(roles))
            {
                continue;
            }

            foreach (var cell in held.Where(c => !roles.Contains(c.Role)))
            {
                db.Remove(cell);
            }

            foreach (var role in roles.Where(r => held.All(c => c.Role != r)))
            {
                db.Add(new MatrixCell { WorkstreamId = workstreamId, PartnerId = partnerId, PartnershipId = partnershipId, Role = role });
            }

            changed++;
            touched.Add(workstreamId);
        }

        if (changed > 0)
        {
            foreach (var id in touched)
            {
                // The row changed: its workstream's version moves on, so a grid read before this save is stale.
                var w = workstreams[id];
                db.ExpectVersion(w, w.Version);
                db.Entry(w).Property(x => x.Title).IsModified = true;
            }

            auditor.Record(MatrixChanged, nameof(Partnership), partnershipId, partnershipId: partnershipId, details: $"{changed} cell(s) of the responsibility matrix changed");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return WriteFailure.Stale(StaleGrid, await LoadAsync(partnershipId, ct));
            }
        }

        return await LoadAsync(db, await directory.CurrentAsync(partnershipId, ct), partnershipId, ct);
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
                var who = model.Partners.Where(p => model.RolesOf(w.Id, p.Id).Contains(role)).Select(p => p.Name).ToList();
                text.Append("- ").Append(name).Append(": ").Append(who.Count == 0 ? "nobody" : string.Join(", ", who)).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
