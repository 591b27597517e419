using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

public sealed class ContactMethodInput
{
    public Guid? PartnerId { get; set; }
    public string? Channel { get; set; }
    public ContactFrequency? Frequency { get; set; }
    public int? EveryDays { get; set; }
    public string? Contacts { get; set; }
}

/// <summary>
/// Agreeing, changing and removing ways of keeping in touch with partners (<see cref="PartnershipOperation.Manage"/>), each one
/// SaveChanges with its audit line. A change or removal names the version it was made against: a stale one writes nothing.
/// </summary>
public sealed class ContactMethods(ConcordDb db, Auditor auditor, TimeProvider clock)
{
    public const string Agreed = "contact-method.agreed";
    public const string Changed = "contact-method.changed";
    public const string Removed = "contact-method.removed";
    private const string What = "way of keeping in touch";

    private async Task<FieldErrors> CheckAsync(Guid partnershipId, ContactMethodInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        input.Channel = input.Channel?.Trim() ?? "";
        input.Contacts = input.Contacts?.Trim() ?? "";
        if (input.PartnerId is not { } partnerId || !await db.Set<Partner>().AnyAsync(p => p.Id == partnerId && p.PartnershipId == partnershipId, ct))
        {
            errors.Add("PartnerId", "Choose the partner organisation");
        }

        if (input.Channel.Length == 0)
        {
            errors.Add("Channel", "Enter how you will keep in touch, for example a monthly meeting or a weekly e-mail");
        }
        else if (input.Channel.Length > 200)
        {
            errors.Add("Channel", "The channel must be 200 characters or fewer");
        }

        if (input.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            errors.Add("Frequency", "Choose how often");
        }
        else if (frequency == ContactFrequency.EveryNDays && input.EveryDays is not (>= 1 and <= 366))
        {
            errors.Add("EveryDays", "Enter a number of days between 1 and 366");
        }

        if (input.Contacts.Length > 1000)
        {
            errors.Add("Contacts", "Contacts must be 1000 characters or fewer");
        }

        return errors;
    }

    private static WriteFailure? Refused(PartnershipScope scope) =>
        scope.Can(PartnershipOperation.Manage) ? null : WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Manage));

    public async Task<WriteResult<CommunicationMethod>> AddAsync(PartnershipScope scope, ContactMethodInput input, CancellationToken ct)
    {
        if (Refused(scope) is { } refused)
        {
            return refused;
        }

        var errors = await CheckAsync(scope.Id, input, ct);
        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        var method = new CommunicationMethod
        {
            PartnershipId = scope.Id,
            PartnerId = input.PartnerId!.Value,
            Channel = input.Channel!,
            Frequency = input.Frequency!.Value,
            EveryDays = input.Frequency == ContactFrequency.EveryNDays ? input.EveryDays : null,
            Contacts = input.Contacts!,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(method);
        auditor.Record(Agreed, nameof(CommunicationMethod), method.Id, partnershipId: scope.Id, details: $"{method.Channel}, {CadenceRules.Describe(method.ToAgreed())}");
        await db.SaveChangesAsync(ct);
        return method;
    }

    /// <summary>Changes an agreed way of keeping in touch. <paramref name="expectedVersion"/> (required) is the version the person
    /// read; when it is not the saved one nothing is written and the answer is Stale with the method as saved now.</summary>
    public async Task<WriteResult<CommunicationMethod>> UpdateAsync(PartnershipScope scope, Guid methodId, ContactMethodInput input, int? expectedVersion, CancellationToken ct)
    {
        var method = await db.Set<CommunicationMethod>().FirstOrDefaultAsync(m => m.Id == methodId && m.PartnershipId == scope.Id, ct);
        if (method is null)
        {
            return WriteFailure.NotFound();
        }

        if (Refused(scope) is { } refused)
        {
            return refused;
        }

        var errors = await CheckAsync(scope.Id, input, ct);
        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the way of keeping in touch you read, so a stale edit is not saved over someone else's");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (method.Version != expectedVersion)
        {
            db.Entry(method).State = EntityState.Detached;
            return WriteFailure.Stale(WriteFailure.StaleMessage(What), method);
        }

        db.ExpectVersion(method, expectedVersion.Value);
        method.PartnerId = input.PartnerId!.Value;
        method.Channel = input.Channel!;
        method.Frequency = input.Frequency!.Value;
        method.EveryDays = input.Frequency == ContactFrequency.EveryNDays ? input.EveryDays : null;
        method.Contacts = input.Contacts!;
        // Save even when nothing changed, so a stale version is still refused.
        db.Entry(method).State = EntityState.Modified;
        auditor.Record(Changed, nameof(CommunicationMethod), method.Id, partnershipId: scope.Id, details: $"{method.Channel}, {CadenceRules.Describe(method.ToAgreed())}");
        return await db.SaveVersionedAsync(method, What, ct);
    }

    /// <summary>Removes an agreed way of keeping in touch. With <paramref name="expectedVersion"/>, a method changed since it was
    /// read is not removed (Stale).</summary>
    public async Task<WriteResult<CommunicationMethod>> RemoveAsync(PartnershipScope scope, Guid methodId, int? expectedVersion, CancellationToken ct)
    {
        var method = await db.Set<CommunicationMethod>().FirstOrDefaultAsync(m => m.Id == methodId && m.PartnershipId == scope.Id, ct);
        if (method is null)
        {
            return WriteFailure.NotFound();
        }

        if (Refused(scope) is { } refused)
        {
            return refused;
        }

        if (expectedVersion is { } expected && method.Version != expected)
        {
            db.Entry(method).State = EntityState.Detached;
            return WriteFailure.Stale(WriteFailure.StaleMessage(What), method);
        }

        if (expectedVersion is { } version)
        {
            db.ExpectVersion(method, version);
        }

        db.Remove(method);
        auditor.Record(Removed, nameof(CommunicationMethod), method.Id, partnershipId: scope.Id, details: method.Channel);
        return await db.SaveVersionedAsync(method, What, ct);
    }
}
