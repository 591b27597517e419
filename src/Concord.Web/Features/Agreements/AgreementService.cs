using System.Text;
using Concord.Web.Features.Audit;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Delivery;
using Concord.Web.Features.Readiness;
using Concord.Web.Features.Shared;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Agreements;

public sealed record VersionStatus(AgreementVersion Version, IReadOnlyList<AgreementSignature> Signatures, IReadOnlyList<PartnerInfo> Awaiting)
{
    /// <summary>Every current partner's lead contact has signed this exact text.</summary>
    public bool AllSigned => Awaiting.Count == 0;
}

public sealed record AgreementOverview(
    IReadOnlyList<PartnerInfo> Partners,
    IReadOnlyList<VersionStatus> Versions,
    VersionStatus? Latest,
    VersionStatus? InForce)
{
    public string Summary => Describe(Latest?.Version.Number, Latest?.Awaiting.Count ?? 0, InForce?.Version.Number);

    /// <summary>The agreement's status in words: the latest version, how many signatures it awaits, and the version in force.</summary>
    public static string Describe(int? latest, int awaiting, int? inForce) => latest switch
    {
        null => "No agreement drafted yet",
        _ when awaiting == 0 => $"Version {latest} is in force",
        _ => $"Version {latest} is awaiting {awaiting} signature{(awaiting == 1 ? "" : "s")}" +
             (inForce is null ? "" : $"; version {inForce} is in force until then"),
    };
}

/// <summary>
/// The partnership agreement: versions are only ever added (never edited), each holding the exact text
/// people sign and its SHA-256 hash. Coordinators write new versions; each current partner's lead contact
/// signs. The version every current partner has signed is in force.
/// </summary>
public sealed class AgreementService(ConcordDb db, PartnerDirectory directory, Auditor auditor, TimeProvider clock)
{
    public const string VersionAdded = "agreement.version-added";
    public const string Signed = "agreement.signed";
    public const int MaxBodyLength = 100_000;
    public const string SnapshotHeading = "# Snapshot at the time of this version";

    public async Task<AgreementOverview> LoadAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = await directory.CurrentAsync(partnershipId, ct);
        var versions = await db.Set<AgreementVersion>().AsNoTracking().Include(v => v.CreatedBy)
            .Where(v => v.PartnershipId == partnershipId).OrderByDescending(v => v.Number).ToListAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var signatures = await db.Set<AgreementSignature>().AsNoTracking().Where(s => ids.Contains(s.AgreementVersionId)).ToListAsync(ct);
        var statuses = versions.Select(v =>
        {
            var signed = signatures.Where(s => s.AgreementVersionId == v.Id && s.TextHash == v.TextHash).OrderBy(s => s.SignedAt).ToList();
            var awaiting = partners.Where(p => signed.All(s => s.PartnerId != p.Id)).ToList();
            return new VersionStatus(v, signed, awaiting);
        }).ToList();
        return new AgreementOverview(partners, statuses, statuses.FirstOrDefault(), statuses.FirstOrDefault(s => s.AllSigned));
    }

    /// <summary>For the partnership home: the agreement's status in words, from one light query (no version texts).</summary>
    public async Task<string> SummaryAsync(Guid partnershipId, CancellationToken ct)
    {
        var partners = (await directory.CurrentAsync(partnershipId, ct)).Select(p => p.Id).ToList();
        var versions = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == partnershipId).OrderByDescending(v => v.Number)
            .Select(v => new
            {
                v.Number,
                Signed = db.Set<AgreementSignature>().Where(s => s.AgreementVersionId == v.Id && s.TextHash == v.TextHash).Select(s => s.PartnerId).ToList(),
            })
            .ToListAsync(ct);
        int Awaiting(List<Guid> signed) => partners.Count(p => !signed.Contains(p));
        var latest = versions.FirstOrDefault();
        var inForce = versions.FirstOrDefault(v => Awaiting(v.Signed) == 0);
        return AgreementOverview.Describe(latest?.Number, latest is null ? 0 : Awaiting(latest.Signed), inForce?.Number);
    }

    /// <summary>The generated part of a version: the delivery model and the commitments as they are now.</summary>
    public async Task<string> SnapshotAsync(Guid partnershipId, CancellationToken ct) =>
        await SnapshotAsync(db, await directory.CurrentAsync(partnershipId, ct), partnershipId, ct);

    public static async Task<string> SnapshotAsync(ConcordDb db, Guid partnershipId, CancellationToken ct) =>
        await SnapshotAsync(db, await PartnerDirectory.LoadAsync(db, partnershipId, ct), partnershipId, ct);

    private static async Task<string> SnapshotAsync(ConcordDb db, IReadOnlyList<PartnerInfo> partners, Guid partnershipId, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(SnapshotHeading).Append("\n\n");
        text.Append("This part is generated by Concord from the delivery model and the commitments when the version is made.\n\n");
        text.Append(DeliveryService.Snapshot(await DeliveryService.LoadAsync(db, partners, partnershipId, ct)));
        text.Append('\n');
        text.Append(await CommitmentsSnapshotAsync(db, partnershipId, ct));
        return AgreementText.Normalise(text.ToString());
    }

    /// <summary>
    /// The commitments part of the snapshot: every commitment of the partnership with who owns it, by when and
    /// how the partners will know it is done. Statuses are left out on purpose: they change from day to day
    /// (a commitment becomes late by the calendar alone), and the signed text must only change when what was
    /// promised changes.
    /// </summary>
    public static async Task<string> CommitmentsSnapshotAsync(ConcordDb db, Guid partnershipId, CancellationToken ct)
    {
        var commitments = await db.Set<Commitment>().AsNoTracking().Where(c => c.PartnershipId == partnershipId)
            .OrderBy(c => c.DueDate).ThenBy(c => c.What).ThenBy(c => c.Id)
            .Select(c => new { c.What, Owner = c.OwnerPartner!.Organisation!.Name, c.DueDate, c.DoneWhen })
            .ToListAsync(ct);
        var text = new StringBuilder("## Commitments\n\n");
        if (commitments.Count == 0)
        {
            return text.Append("No commitments have been recorded yet.\n").ToString();
        }

        foreach (var c in commitments)
        {
            text.Append("- ").Append(OneLine(c.What)).Append(" \u2013 ").Append(c.Owner).Append(", by ").Append(Display.Date(c.DueDate));
            if (!string.IsNullOrWhiteSpace(c.DoneWhen))
            {
                text.Append(". Done when: ").Append(OneLine(c.DoneWhen));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    public static string Compose(string body, string snapshot) =>
        AgreementText.Normalise(body).TrimEnd('\n') + "\n\n" + snapshot;

    public sealed record NewVersion(string? Body, AgreementChangeKind? Kind, string? Reason, Guid? BasedOnVersionId);

    /// <summary>
    /// Adds a version (Manage). <see cref="NewVersion.BasedOnVersionId"/> must be the latest version (none for the
    /// first): an edit from an older draft is Stale (with the latest version as current) and nothing is written. Once
    /// anyone has signed the latest version, a new one must say whether it is an enhancement or a change, and why.
    /// </summary>
    public async Task<WriteResult<AgreementVersion>> AddVersionAsync(PartnershipScope scope, NewVersion input, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Manage))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));
        }

        var partnershipId = scope.Id;
        var latest = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == partnershipId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        if (latest?.Id != input.BasedOnVersionId)
        {
            return WriteFailure.Stale(latest is null
                ? "The version you started from is no longer here"
                : $"Someone else saved version {latest.Number} of the agreement while you were editing. Your text has not been saved. " +
                  "Compare it with theirs, then save again to make your text the next version, or cancel to keep theirs", latest);
        }

        var errors = new FieldErrors();
        var body = AgreementText.Normalise(input.Body ?? "").Trim('\n');
        if (string.IsNullOrWhiteSpace(body))
        {
            errors.Add("Body", "Write the agreement: the delivery model, remit and commitments the partners sign up to");
        }
        else if (body.Length > MaxBodyLength)
        {
            errors.Add("Body", $"Keep the agreement to {MaxBodyLength:N0} characters or fewer");
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (reason is { Length: > 2000 })
        {
            errors.Add("Reason", "Keep the reason to 2000 characters or fewer");
        }

        if (input.Kind is { } given && given is not (AgreementChangeKind.Enhancement or AgreementChangeKind.Change))
        {
            errors.Add("Kind", "Use Enhancement or Change");
        }

        var kind = AgreementChangeKind.First;
        if (latest is not null)
        {
            var signedAlready = await db.Set<AgreementSignature>().AnyAsync(s => s.AgreementVersionId == latest.Id, ct);
            if (signedAlready)
            {
                if (input.Kind is not (AgreementChangeKind.Enhancement or AgreementChangeKind.Change))
                {
                    errors.Add("Kind", "Say whether this is an enhancement or a change: version " + latest.Number + " has been signed, so the partners must sign again");
                }

                if (reason is null)
                {
                    errors.Add("Reason", "Give the reason for changing a signed agreement");
                }
            }

            kind = input.Kind is AgreementChangeKind.Enhancement or AgreementChangeKind.Change ? input.Kind.Value : AgreementChangeKind.Revision;
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var text = Compose(body, await SnapshotAsync(partnershipId, ct));
        if (latest is not null && latest.Text == text)
        {
            return WriteFailure.Invalid("Body", "Nothing has changed since version " + latest.Number);
        }

        var version = new AgreementVersion
        {
            PartnershipId = partnershipId,
            Number = (latest?.Number ?? 0) + 1,
            Body = body,
            Text = text,
            TextHash = AgreementText.Hash(text),
            Kind = kind,
            Reason = reason,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = scope.AccountId,
        };
        db.Add(version);
        auditor.Record(VersionAdded, nameof(AgreementVersion), version.Id, partnershipId: partnershipId,
            details: $"Version {version.Number} ({kind}){(reason is null ? "" : ": " + reason)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people saving from the same version at once: the unique (partnership, number) index lets one win.
            db.ChangeTracker.Clear();
            var winner = await db.Set<AgreementVersion>().AsNoTracking().Where(v => v.PartnershipId == partnershipId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            return WriteFailure.Stale("Someone else saved a new version of the agreement while you were editing. Your text has not been saved", winner);
        }

        return version;
    }

    /// <summary>
    /// The caller signs the version for the partner(s) whose lead contact they are (SignAgreement, and only as a lead
    /// contact). <paramref name="textHash"/> is the hash of the text they were shown: it must be the version's hash, so
    /// nobody signs words they did not see. Only the latest version can be signed, and only while its snapshot still
    /// matches the delivery model and commitments (otherwise 409: a coordinator makes a new version first).
    /// </summary>
    public async Task<WriteResult<IReadOnlyList<AgreementSignature>>> SignAsync(PartnershipScope scope, Guid versionId, string? textHash, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.SignAgreement))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.SignAgreement));
        }

        var partnershipId = scope.Id;
        var version = await db.Set<AgreementVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId && v.PartnershipId == partnershipId, ct);
        if (version is null)
        {
            return WriteFailure.NotFound();
        }

        var partners = await directory.CurrentAsync(partnershipId, ct);
        var mine = partners.Where(p => p.LeadContactId == scope.AccountId).ToList();
        if (mine.Count == 0)
        {
            return WriteFailure.Forbidden("Only a partner's lead contact signs the agreement for that partner, and you are not the lead contact of any partner");
        }

        if (string.IsNullOrWhiteSpace(textHash))
        {
            return WriteFailure.Invalid("TextHash", "Send the SHA-256 hash of the text you are signing");
        }

        var latestNumber = await db.Set<AgreementVersion>().Where(v => v.PartnershipId == partnershipId).MaxAsync(v => v.Number, ct);
        if (version.Number != latestNumber)
        {
            return WriteFailure.Stale($"Version {version.Number} has been replaced by version {latestNumber}. Read and sign the latest version");
        }

        if (!string.Equals(textHash.Trim(), version.TextHash, StringComparison.OrdinalIgnoreCase))
        {
            return WriteFailure.Stale("The text you were shown is not the text of this version. Read it again before signing");
        }

        if (Compose(version.Body, await SnapshotAsync(partnershipId, ct)) != version.Text)
        {
            return WriteFailure.Stale($"Version {version.Number} is out of date: the delivery model or the commitments have changed since it was made, " +
                                      "so its snapshot no longer says what the partners are agreeing to. A coordinator needs to make a new version before anyone signs");
        }

        var already = await db.Set<AgreementSignature>().Where(s => s.AgreementVersionId == versionId).Select(s => s.PartnerId).ToListAsync(ct);
        var toSign = mine.Where(p => !already.Contains(p.Id)).ToList();
        if (toSign.Count == 0)
        {
            return WriteFailure.Stale($"You have already signed version {version.Number}");
        }

        var now = clock.GetUtcNow();
        var account = await db.Users.Where(u => u.Id == scope.AccountId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(ct);
        var signatures = toSign.Select(p => new AgreementSignature
        {
            AgreementVersionId = version.Id,
            PartnerId = p.Id,
            SignedById = scope.AccountId,
            SignedByName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.Email ?? "" : account.DisplayName,
            SignedAt = now,
            TextHash = version.TextHash,
        }).ToList();
        db.AddRange(signatures);
        foreach (var s in signatures)
        {
            auditor.Record(Signed, nameof(AgreementVersion), version.Id, partnershipId: partnershipId,
                details: $"Version {version.Number} signed for {toSign.First(p => p.Id == s.PartnerId).Name}; SHA-256 {version.TextHash}");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return WriteFailure.Stale($"You have already signed version {version.Number}");
        }

        return signatures;
    }
}
