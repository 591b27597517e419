using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness;

/// <summary>
/// The readiness reflection, partner aims, objectives and which aims each objective serves, in the hand-over export; and,
/// for the subject access export, the readiness answers an account last saved.
/// </summary>
public sealed class ReadinessDataParts(ConcordDb db) : IPartnershipExportPart, IPersonalDataPart
{
    public sealed record ReadinessAnswerRow(Guid Id, Guid PartnerId, string Partner, string? WhyPartner, string? AddedValue, string? PeopleServed,
        FunderDriven? FunderDriven, string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, DateTimeOffset UpdatedAt,
        Guid? UpdatedById, string? UpdatedBy, int Version);

    public sealed record AimRow(Guid Id, Guid PartnerId, string Partner, AimKind Kind, string Description, string? Funder, DateTimeOffset CreatedAt);

    public sealed record ObjectiveRow(Guid Id, string Title, string Description, DateTimeOffset CreatedAt, int Version);

    public sealed record ObjectiveAimRow(Guid ObjectiveId, string Objective, Guid AimId, string Aim);

    public sealed record MyReadinessAnswerRow(Guid Id, Guid PartnershipId, string Partnership, string Partner, string? WhyPartner, string? AddedValue,
        string? PeopleServed, FunderDriven? FunderDriven, string? FunderDrivenExplanation, string? MissionAtStake, string? SmallPartner, DateTimeOffset UpdatedAt);

    public int Order => 20;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("readinessAnswers", () => db.Set<ReadinessReflection>().AsNoTracking().Where(r => r.PartnershipId == id)
            .Join(db.Set<Partnerships.Partner>(), r => r.PartnerId, p => p.Id, (r, p) => new { r, Partner = p.Organisation!.Name })
            .OrderBy(x => x.Partner).ThenBy(x => x.r.Id)
            .Select(x => new ReadinessAnswerRow(x.r.Id, x.r.PartnerId, x.Partner, x.r.WhyPartner, x.r.AddedValue, x.r.PeopleServed, x.r.FunderDriven,
                x.r.FunderDrivenExplanation, x.r.MissionAtStake, x.r.SmallPartner, x.r.UpdatedAt, x.r.UpdatedById,
                db.Users.Where(u => u.Id == x.r.UpdatedById).Select(u => u.DisplayName).FirstOrDefault(), x.r.Version))
            .AsAsyncEnumerable(),
        [
            new("Partner", r => r.Partner), new("Why partner", r => r.WhyPartner), new("Added value", r => r.AddedValue),
            new("How the people served benefit", r => r.PeopleServed), new("Mainly funder-driven", r => r.FunderDriven?.ToString()),
            new("Funder-driven: why", r => r.FunderDrivenExplanation), new("Mission at stake", r => r.MissionAtStake),
            new("What a small partner brings", r => r.SmallPartner), new("Last saved", r => r.UpdatedAt), new("Last saved by", r => r.UpdatedBy),
            new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("partnerAims", () => db.Set<PartnerAim>().AsNoTracking().Where(a => a.PartnershipId == id)
            .Join(db.Set<Partnerships.Partner>(), a => a.PartnerId, p => p.Id, (a, p) => new { a, Partner = p.Organisation!.Name })
            .OrderBy(x => x.Partner).ThenBy(x => x.a.CreatedAt).ThenBy(x => x.a.Id)
            .Select(x => new AimRow(x.a.Id, x.a.PartnerId, x.Partner, x.a.Kind, x.a.Description, x.a.Funder, x.a.CreatedAt))
            .AsAsyncEnumerable(),
        [
            new("Partner", r => r.Partner), new("Kind", r => Shared.Display.Name(r.Kind)), new("Description", r => r.Description),
            new("Funder", r => r.Funder), new("Recorded", r => r.CreatedAt), new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("objectives", () => db.Set<Objective>().AsNoTracking().Where(o => o.PartnershipId == id)
            .OrderBy(o => o.Title).ThenBy(o => o.Id)
            .Select(o => new ObjectiveRow(o.Id, o.Title, o.Description, o.CreatedAt, o.Version))
            .AsAsyncEnumerable(),
        [
            new("Title", r => r.Title), new("Description", r => r.Description), new("Added", r => r.CreatedAt), new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("objectiveAims", () => db.Set<ObjectiveAim>().AsNoTracking()
            .Join(db.Set<Objective>().Where(o => o.PartnershipId == id), l => l.ObjectiveId, o => o.Id, (l, o) => new { l, o.Title })
            .Join(db.Set<PartnerAim>(), x => x.l.AimId, a => a.Id, (x, a) => new { x.l, x.Title, a.Description })
            .OrderBy(x => x.Title).ThenBy(x => x.l.ObjectiveId).ThenBy(x => x.l.AimId)
            .Select(x => new ObjectiveAimRow(x.l.ObjectiveId, x.Title, x.l.AimId, x.Description))
            .AsAsyncEnumerable(),
        [
            new("Objective", r => r.Objective), new("Serves the aim", r => r.Aim),
            new("Objective id", r => r.ObjectiveId.ToString()), new("Aim id", r => r.AimId.ToString()),
        ]);
    }

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("readinessAnswersSaved", () => db.Set<ReadinessReflection>().AsNoTracking().Where(r => r.UpdatedById == accountId)
            .Join(db.Set<Partnerships.Partner>(), r => r.PartnerId, p => p.Id, (r, p) => new { r, Partner = p.Organisation!.Name, Partnership = db.Set<Partnerships.Partnership>().Where(pp => pp.Id == p.PartnershipId).Select(pp => pp.Name).FirstOrDefault() ?? "" })
            .OrderBy(x => x.r.UpdatedAt).ThenBy(x => x.r.Id)
            .Select(x => new MyReadinessAnswerRow(x.r.Id, x.r.PartnershipId, x.Partnership, x.Partner, x.r.WhyPartner, x.r.AddedValue, x.r.PeopleServed,
                x.r.FunderDriven, x.r.FunderDrivenExplanation, x.r.MissionAtStake, x.r.SmallPartner, x.r.UpdatedAt))
            .AsAsyncEnumerable(),
        [
            new("Partnership", r => r.Partnership), new("Partner", r => r.Partner), new("Why partner", r => r.WhyPartner),
            new("Added value", r => r.AddedValue), new("How the people served benefit", r => r.PeopleServed),
            new("Mainly funder-driven", r => r.FunderDriven?.ToString()), new("Funder-driven: why", r => r.FunderDrivenExplanation),
            new("Mission at stake", r => r.MissionAtStake), new("What a small partner brings", r => r.SmallPartner),
            new("Last saved", r => r.UpdatedAt), new("Id", r => r.Id.ToString()),
        ]);
    }
}
