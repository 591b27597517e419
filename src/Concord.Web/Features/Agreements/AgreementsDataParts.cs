using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Agreements;

/// <summary>
/// Every version of the partnership agreement (the exact signed text and its hash) and every signature, in the hand-over
/// export; and, for the subject access export, the versions an account wrote and the signatures it made.
/// </summary>
public sealed class AgreementsDataParts(ConcordDb db) : IPartnershipExportPart, IPersonalDataPart
{
    public sealed record VersionRow(Guid Id, int Number, AgreementChangeKind Kind, string? Reason, string Body, string Text, string TextHash,
        DateTimeOffset CreatedAt, Guid? CreatedById, string? CreatedBy);

    public sealed record SignatureRow(Guid Id, Guid AgreementVersionId, int VersionNumber, Guid PartnerId, string Partner, Guid? SignedById,
        string SignedByName, DateTimeOffset SignedAt, string TextHash);

    public sealed record MyVersionRow(Guid Id, Guid PartnershipId, string Partnership, int Number, AgreementChangeKind Kind, string? Reason, DateTimeOffset CreatedAt, string TextHash);

    public sealed record MySignatureRow(Guid Id, Guid PartnershipId, string Partnership, int VersionNumber, string Partner, string SignedByName,
        DateTimeOffset SignedAt, string TextHash);

    public int Order => 35;

    public IEnumerable<ExportTable> Tables(PartnershipScope scope)
    {
        var id = scope.Id;
        yield return ExportTable.Of("agreementVersions", () => db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == id)
            .OrderBy(v => v.Number)
            .Select(v => new VersionRow(v.Id, v.Number, v.Kind, v.Reason, v.Body, v.Text, v.TextHash, v.CreatedAt, v.CreatedById,
                v.CreatedBy == null ? null : v.CreatedBy.DisplayName))
            .AsAsyncEnumerable(),
        [
            new("Version", r => r.Number), new("Kind", r => Shared.Display.Name(r.Kind)), new("Reason", r => r.Reason),
            new("Made", r => r.CreatedAt), new("Made by", r => r.CreatedBy), new("Text signed", r => r.Text),
            new("SHA-256 of the text", r => r.TextHash), new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("agreementSignatures", () => db.Set<AgreementSignature>().AsNoTracking()
            .Join(db.Set<AgreementVersion>().Where(v => v.PartnershipId == id), s => s.AgreementVersionId, v => v.Id, (s, v) => new { s, v.Number })
            .Join(db.Set<Partnerships.Partner>(), x => x.s.PartnerId, p => p.Id, (x, p) => new { x.s, x.Number, Partner = p.Organisation!.Name })
            .OrderBy(x => x.Number).ThenBy(x => x.s.SignedAt).ThenBy(x => x.s.Id)
            .Select(x => new SignatureRow(x.s.Id, x.s.AgreementVersionId, x.Number, x.s.PartnerId, x.Partner, x.s.SignedById, x.s.SignedByName, x.s.SignedAt, x.s.TextHash))
            .AsAsyncEnumerable(),
        [
            new("Version", r => r.VersionNumber), new("Partner", r => r.Partner), new("Signed by", r => r.SignedByName),
            new("Signed", r => r.SignedAt), new("SHA-256 of the text signed", r => r.TextHash), new("Id", r => r.Id.ToString()),
        ]);
    }

    public IEnumerable<ExportTable> Tables(Guid accountId)
    {
        yield return ExportTable.Of("agreementVersionsWritten", () => db.Set<AgreementVersion>().AsNoTracking().Where(v => v.CreatedById == accountId)
            .Join(db.Set<Partnerships.Partnership>(), v => v.PartnershipId, p => p.Id, (v, p) => new { v, p.Name })
            .OrderBy(x => x.v.CreatedAt).ThenBy(x => x.v.Id)
            .Select(x => new MyVersionRow(x.v.Id, x.v.PartnershipId, x.Name, x.v.Number, x.v.Kind, x.v.Reason, x.v.CreatedAt, x.v.TextHash))
            .AsAsyncEnumerable(),
        [
            new("Partnership", r => r.Partnership), new("Version", r => r.Number), new("Kind", r => Shared.Display.Name(r.Kind)),
            new("Reason", r => r.Reason), new("Made", r => r.CreatedAt), new("SHA-256 of the text", r => r.TextHash), new("Id", r => r.Id.ToString()),
        ]);
        yield return ExportTable.Of("agreementSignatures", () => db.Set<AgreementSignature>().AsNoTracking().Where(s => s.SignedById == accountId)
            .Join(db.Set<AgreementVersion>(), s => s.AgreementVersionId, v => v.Id, (s, v) => new { s, v.Number, v.PartnershipId })
            .Join(db.Set<Partnerships.Partner>(), x => x.s.PartnerId, p => p.Id, (x, p) => new { x.s, x.Number, x.PartnershipId, Partner = p.Organisation!.Name, Partnership = db.Set<Partnerships.Partnership>().Where(pp => pp.Id == p.PartnershipId).Select(pp => pp.Name).FirstOrDefault() ?? "" })
            .OrderBy(x => x.s.SignedAt).ThenBy(x => x.s.Id)
            .Select(x => new MySignatureRow(x.s.Id, x.PartnershipId, x.Partnership, x.Number, x.Partner, x.s.SignedByName, x.s.SignedAt, x.s.TextHash))
            .AsAsyncEnumerable(),
        [
            new("Partnership", r => r.Partnership), new("Version", r => r.VersionNumber), new("Signed for", r => r.Partner),
            new("Signed as", r => r.SignedByName), new("Signed", r => r.SignedAt), new("SHA-256 of the text signed", r => r.TextHash),
            new("Id", r => r.Id.ToString()),
        ]);
    }
}
