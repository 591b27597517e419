using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
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
/// Writes on commitments shared by pages and the API, each one SaveChanges with its audit line. Each takes the request's
/// <see cref="PartnershipScope"/> (resolved and checked by the route) and checks the operation again itself, so a command
/// can never be called for a partnership the caller does not belong to. Field errors are keyed by field (PascalCase).
/// </summary>
public sealed class CommitmentCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const string Created = "commitment.created";
    public const string Changed = "commitment.changed";
    public const string StatusReported = "commitment.status-reported";

    /// <summary>Checks the fields against the partnership: the owner must be one of its partners, and the person a member representing that partner.</summary>
    public async Task<FieldErrors> CheckAsync(Guid partnershipId, CommitmentFields f, CancellationToken ct)
    {
        var errors = new FieldErrors();
        f.What = f.What?.Trim();
        f.DoneWhen = f.DoneWhen?.Trim();
        if (string.IsNullOrWhiteSpace(f.What))
        {
            errors.Add("What", "Enter what will be done");
        }
        else if (f.What.Length > 500)
        {
            errors.Add("What", "What will be done must be 500 characters or fewer");
        }

        if (f.DoneWhen is { Length: > 2000 })
        {
            errors.Add("DoneWhen", "How we will know it is done must be 2000 characters or fewer");
        }

        if (f.DueDate is null)
        {
            errors.Add("DueDate", "Enter the date it is due");
        }
        else if (DateRules.Problem(f.DueDate, DateRules.Kind.Planned, London.Today(clock), "due date") is { } dateProblem)
        {
            errors.Add("DueDate", dateProblem);
        }
        else if (await RunProblemAsync(partnershipId, f.DueDate.Value, ct) is { } runProblem)
        {
            errors.Add("DueDate", runProblem);
        }

        if (f.OwnerPartnerId is not { } partnerId ||
            !await db.Set<Partner>().AnyAsync(p => p.Id == partnerId && p.PartnershipId == partnershipId, ct))
        {
            errors.Add("OwnerPartnerId", "Choose the partner organisation that owns this commitment");
        }
        else if (f.OwnerPersonId is { } personId)
        {
            var organisationId = await db.Set<Partner>().Where(p => p.Id == partnerId).Select(p => p.OrganisationId).FirstAsync(ct);
            if (!await db.Set<PartnershipMembership>().AnyAsync(m => m.PartnershipId == partnershipId && m.AccountId == personId && m.OrganisationId == organisationId, ct))
            {
                errors.Add("OwnerPersonId", "Choose a person in the partnership who represents the owner organisation");
            }
        }

        if (!Enum.IsDefined(f.Source))
        {
            errors.Add("Source", "Choose where the commitment was made");
        }

        return errors;
    }

    /// <summary>
    /// Null when <paramref name="due"/> falls within the partnership's run (on or after its start, on or before its end, when
    /// those are set); otherwise the message for the due date field.
    /// </summary>
    private async Task<string?> RunProblemAsync(Guid partnershipId, DateOnly due, CancellationToken ct)
    {
        var run = await db.Set<Partnership>().Where(p => p.Id == partnershipId).Select(p => new { p.StartDate, p.EndDate }).FirstOrDefaultAsync(ct);
        if (run is null || (run.StartDate is not { } start || due >= start) && (run.EndDate is not { } end || due <= end))
        {
            return null;
        }

        static string Day(DateOnly d) => d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return (run.StartDate, run.EndDate) switch
        {
            ({ } s, { } e) => $"Due date must be within the partnership's run, {Day(s)} to {Day(e)}",
            ({ } s, null) => $"Due date must be on or after the partnership's start, {Day(s)}",
            (null, { } e) => $"Due date must be on or before the partnership's end, {Day(e)}",
            _ => null,
        };
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

    public async Task<WriteResult<Commitment>> CreateAsync(PartnershipScope scope, CommitmentFields f, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        var errors = await CheckAsync(scope.Id, f, ct);
        if (f.Source == CommitmentSource.LedgerEntry)
        {
            errors.Add("Source", "Commitments from the ledger are made by recording a promise in a ledger entry");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var commitment = Stage(scope.Id, f);
        await db.SaveChangesAsync(ct);
        return commitment;
    }

    /// <summary>Changes what, owner, due date and how we will know. A stale <paramref name="expectedVersion"/> writes
    /// nothing and answers Stale with the commitment as it is saved now.</summary>
    public async Task<WriteResult<Commitment>> UpdateAsync(PartnershipScope scope, Guid commitmentId, CommitmentFields f, int? expectedVersion, CancellationToken ct)
    {
        var commitment = await db.Set<Commitment>().FirstOrDefaultAsync(c => c.Id == commitmentId && c.PartnershipId == scope.Id, ct);
        if (commitment is null)
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        if (expectedVersion is null)
        {
            return WriteFailure.Invalid("Version", "Send the version of the commitment you read, so a stale edit is not saved over someone else's");
        }

        var errors = await CheckAsync(scope.Id, f, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (commitment.Version != expectedVersion)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("commitment"), commitment);
        }

        db.ExpectVersion(commitment, expectedVersion.Value);
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
        return await db.SaveVersionedAsync(commitment, "commitment", ct);
    }

    /// <summary>Records a dated status report with a note. Done sets the done date (the report's date); anything else clears it.
    /// The version of the commitment the person read is required: a report on a changed commitment is stale.</summary>
    public async Task<WriteResult<CommitmentUpdate>> ReportStatusAsync(
        PartnershipScope scope, Guid commitmentId, CommitmentStatus? status, DateOnly? date, string? note, int? expectedVersion, CancellationToken ct)
    {
        var commitment = await db.Set<Commitment>().FirstOrDefaultAsync(c => c.Id == commitmentId && c.PartnershipId == scope.Id, ct);
        if (commitment is null)
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        var errors = new FieldErrors();
        var today = London.Today(clock);
        note = note?.Trim() ?? "";
        if (status is null || !Enum.IsDefined(status.Value))
        {
            errors.Add("Status", "Choose the status: on track, at risk, late or done");
        }

        if (date is null)
        {
            errors.Add("Date", "Enter the date of this update");
        }
        else if (DateRules.Problem(date, DateRules.Kind.Happened, today, "the date of the update") is { } dateProblem)
        {
            errors.Add("Date", dateProblem);
        }

        if (note.Length > 2000)
        {
            errors.Add("Note", "The note must be 2000 characters or fewer");
        }

        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the commitment you read, so an update about a changed commitment is not saved");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (commitment.Version != expectedVersion)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("commitment"), commitment);
        }

        db.ExpectVersion(commitment, expectedVersion!.Value);
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
        var saved = await db.SaveVersionedAsync(commitment, "commitment", ct);
        return saved.Saved ? update : saved.Failure!;
    }
}
