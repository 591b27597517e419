using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Commitments;

/// <summary>What a person fills in for a commitment. Shared by pages (as Input) and the API.</summary>
public sealed class CommitmentFields
{
    public string? What { get; set; }
    public Guid? OwnerPartnerId { get; set; }
    public Guid? OwnerPersonId { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? DoneWhen { get; set; }
    public CommitmentSource Source { get; set; } = CommitmentSource.Meeting;
}

/// <summary>
/// Writes on commitments shared by pages and the API, each one SaveChanges with its audit line. Callers have found
/// the partnership through <see cref="PartnershipAccess"/> and checked the caller may contribute. Errors are keyed by field (PascalCase).
/// </summary>
public sealed class CommitmentCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const string Created = "commitment.created";
    public const string Changed = "commitment.changed";
    public const string StatusReported = "commitment.status-reported";

    /// <summary>Checks the fields against the partnership: the owner must be one of its partners, and the person a member representing that partner.</summary>
    public async Task<Dictionary<string, string>> CheckAsync(Guid partnershipId, CommitmentFields f, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        f.What = f.What?.Trim();
        f.DoneWhen = f.DoneWhen?.Trim();
        if (string.IsNullOrWhiteSpace(f.What))
        {
            errors["What"] = "Enter what will be done";
        }
        else if (f.What.Length > 500)
        {
            errors["What"] = "What will be done must be 500 characters or fewer";
        }

        if (f.DoneWhen is { Length: > 2000 })
        {
            errors["DoneWhen"] = "How we will know it is done must be 2000 characters or fewer";
        }

        if (f.DueDate is null)
        {
            errors["DueDate"] = "Enter the date it is due, for example 27 3 2027";
        }

        if (f.OwnerPartnerId is not { } partnerId ||
            !await db.Set<Partner>().AnyAsync(p => p.Id == partnerId && p.PartnershipId == partnershipId, ct))
        {
            errors["OwnerPartnerId"] = "Choose the partner organisation that owns this commitment";
        }
        else if (f.OwnerPersonId is { } personId)
        {
            var organisationId = await db.Set<Partner>().Where(p => p.Id == partnerId).Select(p => p.OrganisationId).FirstAsync(ct);
            if (!await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnershipId && m.AccountId == personId && m.OrganisationId == organisationId, ct))
            {
                errors["OwnerPersonId"] = "Choose a person in the partnership who represents the owner organisation";
            }
        }

        if (!Enum.IsDefined(f.Source))
        {
            errors["Source"] = "Choose where the commitment was made";
        }

        return errors;
    }

    /// <summary>Adds a commitment without saving (so a ledger entry can add its promises in the same SaveChanges).</summary>
    public Commitment Stage(Guid partnershipId, CommitmentFields f, Guid? ledgerEntryId = null)
    {
        var commitment = new Commitment
        {
            PartnershipId = partnershipId,
            What = f.What!,
            OwnerPartnerId = f.OwnerPartnerId!.Value,
            OwnerPersonId = f.OwnerPersonId,
            DueDate = f.DueDate!.Value,
            DoneWhen = f.DoneWhen ?? "",
            Source = ledgerEntryId is null ? f.Source : CommitmentSource.LedgerEntry,
            SourceLedgerEntryId = ledgerEntryId,
            ReportedStatus = CommitmentStatus.OnTrack,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = user.IdOrNull,
        };
        db.Add(commitment);
        auditor.Record(Created, nameof(Commitment), commitment.Id, partnershipId: partnershipId, details: commitment.What);
        return commitment;
    }

    public async Task<(Commitment? Commitment, Dictionary<string, string> Errors)> CreateAsync(Guid partnershipId, CommitmentFields f, CancellationToken ct)
    {
        var errors = await CheckAsync(partnershipId, f, ct);
        if (f.Source == CommitmentSource.LedgerEntry)
        {
            errors["Source"] = "Commitments from the ledger are made by recording a promise in a ledger entry";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var commitment = Stage(partnershipId, f);
        await db.SaveChangesAsync(ct);
        return (commitment, errors);
    }

    /// <summary>Changes what, owner, due date and how we will know. A stale <paramref name="expectedVersion"/> raises
    /// <see cref="DbUpdateConcurrencyException"/> and nothing is written.</summary>
    public async Task<Dictionary<string, string>> UpdateAsync(Commitment commitment, CommitmentFields f, int expectedVersion, CancellationToken ct)
    {
        var errors = await CheckAsync(commitment.PartnershipId, f, ct);
        if (errors.Count > 0)
        {
            return errors;
        }

        db.ExpectVersion(commitment, expectedVersion);
        commitment.What = f.What!;
        commitment.OwnerPartnerId = f.OwnerPartnerId!.Value;
        commitment.OwnerPersonId = f.OwnerPersonId;
        commitment.DueDate = f.DueDate!.Value;
        commitment.DoneWhen = f.DoneWhen ?? "";
        if (commitment.Source != CommitmentSource.LedgerEntry && f.Source != CommitmentSource.LedgerEntry)
        {
            commitment.Source = f.Source;
        }

        // Save even when nothing changed, so a stale version is still refused.
        db.Entry(commitment).State = EntityState.Modified;
        auditor.Record(Changed, nameof(Commitment), commitment.Id, partnershipId: commitment.PartnershipId, details: commitment.What);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    /// <summary>Records a dated status report with a note. Done sets the done date (the report's date); anything else clears it.</summary>
    public async Task<(CommitmentUpdate? Update, Dictionary<string, string> Errors)> ReportStatusAsync(
        Commitment commitment, CommitmentStatus? status, DateOnly? date, string? note, int? expectedVersion, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var today = CommitmentRules.TodayInLondon(clock);
        note = note?.Trim() ?? "";
        if (status is null || !Enum.IsDefined(status.Value))
        {
            errors["Status"] = "Choose the status: on track, at risk, late or done";
        }

        if (date is null)
        {
            errors["Date"] = "Enter the date of this update";
        }
        else if (date > today)
        {
            errors["Date"] = "The date of the update cannot be in the future";
        }

        if (note.Length > 2000)
        {
            errors["Note"] = "The note must be 2000 characters or fewer";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (expectedVersion is { } v)
        {
            db.ExpectVersion(commitment, v);
        }

        commitment.ReportedStatus = status!.Value;
        commitment.DoneOn = status == CommitmentStatus.Done ? date : null;
        db.Entry(commitment).State = EntityState.Modified;
        var update = new CommitmentUpdate
        {
            CommitmentId = commitment.Id,
            Date = date!.Value,
            Status = status.Value,
            Note = note,
            ById = user.IdOrNull,
            RecordedAt = clock.GetUtcNow(),
        };
        db.Add(update);
        auditor.Record(StatusReported, nameof(Commitment), commitment.Id, partnershipId: commitment.PartnershipId, details: status.Value.ToString());
        await db.SaveChangesAsync(ct);
        return (update, errors);
    }
}
