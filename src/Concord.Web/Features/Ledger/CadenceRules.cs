namespace Concord.Web.Features.Ledger;

public enum ContactFrequency
{
    Weekly,
    Fortnightly,
    Monthly,
    Quarterly,

    /// <summary>Every <see cref="AgreedContact.EveryDays"/> days.</summary>
    EveryNDays,
}

/// <summary>A communication method agreed with a partner, for example a monthly meeting or weekly e-mail.
/// <paramref name="EveryDays"/> is required (1 or more) for <see cref="ContactFrequency.EveryNDays"/> and ignored otherwise.</summary>
public sealed record AgreedContact(Guid PartnerId, string Channel, ContactFrequency Frequency, int? EveryDays = null);

/// <summary>A partner and the date of the latest ledger entry involving them (null when there is none).</summary>
public sealed record PartnerLastContact(Guid PartnerId, string PartnerName, DateOnly JoinedOn, DateOnly? LastContactOn);

/// <summary>A partner that has gone quiet. <see cref="DaysSinceLastContact"/> is null when there has been
/// no contact since they joined; <see cref="DaysSince"/> then counts from the joining date.</summary>
public sealed record QuietWarning(
    Guid PartnerId,
    int? DaysSinceLastContact,
    int DaysSince,
    AgreedContact Agreed,
    string AgreedFrequency,
    string Message);

public static class CadenceRules
{
    /// <summary>
    /// Partners with no contact for longer than their most frequent agreed method allows, most overdue first.
    /// The ledger gives one "last contact" per partner whatever the channel, so the tightest agreement is
    /// the one that matters: if you agreed weekly e-mails and a monthly meeting, eight silent days is quiet.
    /// Months are calendar months (a monthly contact on 31 January is next expected by 28 February);
    /// contact is overdue the day after it was expected. Partners with nothing agreed are never warned about,
    /// and partners never contacted are measured from the day they joined.
    /// </summary>
    public static IReadOnlyList<QuietWarning> FindQuiet(
        IEnumerable<PartnerLastContact> partners, IEnumerable<AgreedContact> agreed, DateOnly today)
    {
        var byPartner = agreed.ToLookup(a => a.PartnerId);
        var warnings = new List<QuietWarning>();

        foreach (var p in partners)
        {
            var since = p.LastContactOn ?? p.JoinedOn;
            var tightest = byPartner[p.PartnerId]
                .Select(a => (Agreed: a, Due: NextExpected(since, a)))
                .OrderBy(x => x.Due)
                .FirstOrDefault();
            if (tightest.Agreed is null || today <= tightest.Due)
            {
                continue;
            }

            var days = today.DayNumber - since.DayNumber;
            var frequency = Describe(tightest.Agreed);
            var message = p.LastContactOn is null
                ? $"You have not been in touch with {p.PartnerName} since they joined {Days(days)} ago. "
                : $"You have not been in touch with {p.PartnerName} for {Days(days)}. ";
            message += $"You agreed to be in touch {frequency} ({tightest.Agreed.Channel}). Get in touch and record it in the ledger.";

            warnings.Add(new QuietWarning(p.PartnerId, p.LastContactOn is null ? null : days, days, tightest.Agreed, frequency, message));
        }

        return warnings.OrderByDescending(w => w.DaysSince).ToList();
    }

    /// <summary>The last day on which the next contact is still on time.</summary>
    public static DateOnly NextExpected(DateOnly lastContact, AgreedContact agreed) => agreed.Frequency switch
    {
        ContactFrequency.Weekly => lastContact.AddDays(7),
        ContactFrequency.Fortnightly => lastContact.AddDays(14),
        ContactFrequency.Monthly => lastContact.AddMonths(1),
        ContactFrequency.Quarterly => lastContact.AddMonths(3),
        ContactFrequency.EveryNDays when agreed.EveryDays is >= 1 => lastContact.AddDays(agreed.EveryDays.Value),
        ContactFrequency.EveryNDays => throw new ArgumentException("Every N days needs a number of days of 1 or more.", nameof(agreed)),
        _ => throw new ArgumentOutOfRangeException(nameof(agreed)),
    };

    /// <summary>"weekly", "every fortnight", "monthly", "every three months", "every 10 days".</summary>
    public static string Describe(AgreedContact agreed) => agreed.Frequency switch
    {
        ContactFrequency.Weekly => "weekly",
        ContactFrequency.Fortnightly => "every fortnight",
        ContactFrequency.Monthly => "monthly",
        ContactFrequency.Quarterly => "every three months",
        ContactFrequency.EveryNDays => agreed.EveryDays == 1 ? "every day" : $"every {agreed.EveryDays} days",
        _ => throw new ArgumentOutOfRangeException(nameof(agreed)),
    };

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
