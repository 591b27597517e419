using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Delivery;

/// <summary>
/// The delivery model in the hand-over export: the workstreams and every cell of the responsibility (RACI) matrix. The
/// delivery model records no person (only partners), so it has no part in a subject access export.
/// </summary>
public sealed class DeliveryDataParts(ConcordDb db) : IPartnershipExportPart
{
    public sealed record WorkstreamRow(Guid Id, string Title, string Description, DateTimeOffset CreatedAt, int Version);

    public sealed record MatrixCellRow(Guid WorkstreamId, string Workstream, Guid PartnerId, string Partner, RaciRole Role);

    public int Order => 25;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("workstreams", () => db.Set<Workstream>().AsNoTracking().Where(w => w.PartnershipId == id)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new WorkstreamRow(w.Id, w.Title, w.Description, w.CreatedAt, w.Version))
            .AsAsyncEnumerable(),
        [
            new("Title", r => r.Title), new("Description", r => r.Description), new("Added", r => r.CreatedAt), new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("matrixCells", () => db.Set<MatrixCell>().AsNoTracking().Where(c => c.PartnershipId == id)
            .Join(db.Set<Workstream>(), c => c.WorkstreamId, w => w.Id, (c, w) => new { c, w.Title, w.CreatedAt })
            .Join(db.Set<Partnerships.Partner>(), x => x.c.PartnerId, p => p.Id, (x, p) => new { x.c, x.Title, x.CreatedAt, Partner = p.Organisation!.Name })
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.c.WorkstreamId).ThenBy(x => x.Partner)
            .Select(x => new MatrixCellRow(x.c.WorkstreamId, x.Title, x.c.PartnerId, x.Partner, x.c.Role))
            .AsAsyncEnumerable(),
        [
            new("Workstream", r => r.Workstream), new("Partner", r => r.Partner), new("Role", r => r.Role.ToString()),
            new("Workstream id", r => r.WorkstreamId.ToString()), new("Partner id", r => r.PartnerId.ToString()),
        ]);
    }
}
