using Concord.Web.Features.Audit;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Time;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

/// <summary>A promise made in a ledger entry: it becomes a commitment.</summary>
public sealed class PromiseInput
{
    public string? What { get; set; }
    public Guid? OwnerPartnerId { get; set; }
    public Guid? OwnerPersonId { get; set; }
    public DateOnly? DueDate { get; set; }
    public string? DoneWhen { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(What) && OwnerPartnerId is null && DueDate is null && string.IsNullOrWhiteSpace(DoneWhen);
}

public sealed class LedgerEntryInput
{
    public LedgerEntryKind? Kind { get; set; }
    public DateOnly? Date { get; set; }
    public string? Summary { get; set; }
    public List<Guid> PartnerIds { get; set; } = [];
    /// <summary>People involved, one a line (pages) or as a list (API).</summary>
    public List<string> People { get; set; } = [];
    public List<PromiseInput> Promises { get; set; } = [];
    public Guid? CorrectsEntryId { get; set; }
}

/// <summary>Appends to a partnership's ledger (people who may record: <see cref="PartnershipOperation.RecordLedger"/>) and checks its chain.</summary>
public sealed class LedgerCommands(ConcordDb db, CurrentUser user, Auditor auditor, CommitmentCommands commitments, TimeProvider clock)
{
    public const string EntryRecorded = "ledger.entry-recorded";

    /// <summary>
    /// Checks and appends one entry, sealed after the partnership's latest, with a commitment for each promise, all in
    /// one SaveChanges. Two appends at once may pick the same sequence number: the unique index refuses the second,
    /// which then reads the new latest entry and tries again.
    /// Corrections are entries too, so they need the same operation.
    /// </summary>
    public async Task<WriteResult<LedgerEntry>> AppendAsync(PartnershipScope scope, LedgerEntryInput input, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.RecordLedger))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.RecordLedger));
        }

        var partnershipId = scope.Id;
        var errors = await CheckAsync(partnershipId, input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var promises = input.Promises.Where(p => !p.IsBlank).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var last = await db.Set<LedgerEntry>().AsNoTracking()
                .Where(e => e.PartnershipId == partnershipId)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(ct);
            var entry = LedgerEntry.Seal(partnershipId, (last?.Sequence ?? 0) + 1, input.Kind!.Value, input.Date!.Value, input.Summary!,
                input.PartnerIds.Distinct().ToList(),
                input.People.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
                promises.Select(p => p.What!).ToList(), input.CorrectsEntryId, user.Id, clock.GetUtcNow(), last?.Hash ?? LedgerChain.GenesisHash);
            db.Add(entry);
            foreach (var promise in promises)
            {
                commitments.Stage(partnershipId, new CommitmentFields
                {
                    What = promise.What,
                    OwnerPartnerId = promise.OwnerPartnerId,
                    OwnerPersonId = promise.OwnerPersonId,
                    DueDate = promise.DueDate,
                    DoneWhen = promise.DoneWhen,
                    Source = CommitmentSource.LedgerEntry,
                }, entry.Id);
            }

            auditor.Record(EntryRecorded, nameof(LedgerEntry), entry.Id, partnershipId: partnershipId, details: $"Entry {entry.Sequence}");
            try
            {
                await db.SaveChangesAsync(ct);
                return entry;
            }
            catch (DbUpdateException) when (attempt < 5 && !ct.IsCancellationRequested)
            {
                // Most likely another entry took this sequence number first: start again from the new latest entry.
                db.ChangeTracker.Clear();
                await Task.Delay(Random.Shared.Next(5, 30) * attempt, ct);
            }
        }
    }

    private async Task<FieldErrors> CheckAsync(Guid partnershipId, LedgerEntryInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        input.Summary = input.Summary?.Trim();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors.Add("Kind", "Choose what kind of communication it was");
        }

        if (input.Date is null)
        {
            errors.Add("Date", "Enter the date it happened");
        }
        else if (DateRules.Problem(input.Date, DateRules.Kind.Happened, London.Today(clock), "the date it happened") is { } dateProblem)
        {
            errors.Add("Date", input.Date > London.Today(clock)
                ? "The date it happened cannot be in the future: record communications once they have happened"
                : dateProblem);
        }

        if (string.IsNullOrWhiteSpace(input.Summary))
        {
            errors.Add("Summary", "Enter a summary of what was said or decided");
        }
        else if (input.Summary.Length > 8000)
        {
            errors.Add("Summary", "The summary must be 8000 characters or fewer");
        }

        var partnerIds = input.PartnerIds.Distinct().ToList();
        if (partnerIds.Count > 0 && await db.Set<Partner>().CountAsync(p => p.PartnershipId == partnershipId && partnerIds.Contains(p.Id), ct) != partnerIds.Count)
        {
            errors.Add("PartnerIds", "Choose organisations that are partners in this partnership");
        }

        if (input.People.Any(p => p.Length > 200))
        {
            errors.Add("People", "Each person's name must be 200 characters or fewer");
        }

        if (input.CorrectsEntryId is { } corrects &&
            !await db.Set<LedgerEntry>().AnyAsync(e => e.Id == corrects && e.PartnershipId == partnershipId, ct))
        {
            errors.Add("CorrectsEntryId", "The entry to correct is not in this partnership's ledger");
        }

        for (var i = 0; i < input.Promises.Count; i++)
        {
            var p = input.Promises[i];
            if (p.IsBlank)
            {
                continue;
            }

            var fields = new CommitmentFields { What = p.What, OwnerPartnerId = p.OwnerPartnerId, OwnerPersonId = p.OwnerPersonId, DueDate = p.DueDate, DoneWhen = p.DoneWhen, Source = CommitmentSource.LedgerEntry };
            foreach (var (field, message) in await commitments.CheckAsync(partnershipId, fields, ct))
            {
                errors.Add($"Promises[{i}].{field}", $"Promise {i + 1}: {char.ToLowerInvariant(message[0])}{message[1..]}");
            }

            p.What = fields.What;
            p.DoneWhen = fields.DoneWhen;
        }

        return errors;
    }

    /// <summary>Walks one partnership's chain from the first entry and reports the first that does not match.</summary>
    public static async Task<LedgerVerification> VerifyAsync(ConcordDb db, Guid partnershipId, CancellationToken ct)
    {
        var entries = db.Set<LedgerEntry>().AsNoTracking().Include(e => e.Partners)
            .Where(e => e.PartnershipId == partnershipId)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();
        return await LedgerChain.VerifyAsync(entries.Select(e => e.ToChained()), ct);
    }
}
