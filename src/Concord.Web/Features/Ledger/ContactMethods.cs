using Concord.Web.Features.Audit;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
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

/// <summary>Agreeing and removing ways of keeping in touch with partners (coordinators), each one SaveChanges with its audit line.</summary>
public sealed class ContactMethods(ConcordDb db, Auditor auditor, TimeProvider clock)
{
    public const string Agreed = "contact-method.agreed";
    public const string Removed = "contact-method.removed";

    public async Task<(CommunicationMethod? Method, Dictionary<string, string> Errors)> AddAsync(Guid partnershipId, ContactMethodInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var channel = input.Channel?.Trim() ?? "";
        var contacts = input.Contacts?.Trim() ?? "";
        if (input.PartnerId is not { } partnerId || !await db.Set<Partner>().AnyAsync(p => p.Id == partnerId && p.PartnershipId == partnershipId, ct))
        {
            errors["PartnerId"] = "Choose the partner organisation";
        }

        if (channel.Length == 0)
        {
            errors["Channel"] = "Enter how you will keep in touch, for example a monthly meeting or a weekly e-mail";
        }
        else if (channel.Length > 200)
        {
            errors["Channel"] = "The channel must be 200 characters or fewer";
        }

        if (input.Frequency is not { } frequency || !Enum.IsDefined(frequency))
        {
            errors["Frequency"] = "Choose how often";
        }
        else if (frequency == ContactFrequency.EveryNDays && input.EveryDays is not (>= 1 and <= 366))
        {
            errors["EveryDays"] = "Enter a number of days between 1 and 366";
        }

        if (contacts.Length > 1000)
        {
            errors["Contacts"] = "Contacts must be 1000 characters or fewer";
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var method = new CommunicationMethod
        {
            PartnershipId = partnershipId,
            PartnerId = input.PartnerId!.Value,
            Channel = channel,
            Frequency = input.Frequency!.Value,
            EveryDays = input.Frequency == ContactFrequency.EveryNDays ? input.EveryDays : null,
            Contacts = contacts,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(method);
        auditor.Record(Agreed, nameof(CommunicationMethod), method.Id, partnershipId: partnershipId, details: $"{channel}, {CadenceRules.Describe(method.ToAgreed())}");
        await db.SaveChangesAsync(ct);
        return (method, errors);
    }

    public Task<bool> ExistsAsync(Guid partnershipId, Guid methodId, CancellationToken ct) =>
        db.Set<CommunicationMethod>().AnyAsync(m => m.Id == methodId && m.PartnershipId == partnershipId, ct);

    public async Task RemoveAsync(Guid partnershipId, Guid methodId, CancellationToken ct)
    {
        var method = await db.Set<CommunicationMethod>().FirstOrDefaultAsync(m => m.Id == methodId && m.PartnershipId == partnershipId, ct);
        if (method is null)
        {
            return;
        }

        db.Remove(method);
        auditor.Record(Removed, nameof(CommunicationMethod), method.Id, partnershipId: partnershipId, details: method.Channel);
        await db.SaveChangesAsync(ct);
    }
}
