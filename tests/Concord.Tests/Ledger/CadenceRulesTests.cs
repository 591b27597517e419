using Concord.Web.Features.Ledger;

namespace Concord.Tests.Ledger;

public sealed class CadenceRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid Library = Guid.NewGuid();

    private static PartnerLastContact SchoolLast(int? daysAgo, int joinedDaysAgo = 200) =>
        new(School, "Hilltop School", Today.AddDays(-joinedDaysAgo), daysAgo is { } d ? Today.AddDays(-d) : null);

    [Fact]
    public void A_partner_contacted_within_the_agreed_week_is_not_quiet()
    {
        Assert.Empty(CadenceRules.FindQuiet([SchoolLast(7)], [new AgreedContact(School, "e-mail", ContactFrequency.Weekly)], Today));
    }

    [Fact]
    public void A_partner_silent_for_longer_than_agreed_has_gone_quiet()
    {
        var warning = Assert.Single(CadenceRules.FindQuiet([SchoolLast(8)], [new AgreedContact(School, "e-mail", ContactFrequency.Weekly)], Today));

        Assert.Equal(School, warning.PartnerId);
        Assert.Equal(8, warning.DaysSinceLastContact);
        Assert.Equal("weekly", warning.AgreedFrequency);
        Assert.Equal(
            "You have not been in touch with Hilltop School for 8 days. You agreed to be in touch weekly (e-mail). Get in touch and record it in the ledger.",
            warning.Message);
    }

    [Fact]
    public void The_most_frequent_agreed_method_decides()
    {
        var agreed = new[]
        {
            new AgreedContact(School, "meeting", ContactFrequency.Monthly),
            new AgreedContact(School, "phone", ContactFrequency.Fortnightly),
        };

        var warning = Assert.Single(CadenceRules.FindQuiet([SchoolLast(15)], agreed, Today));

        Assert.Equal("phone", warning.Agreed.Channel);
        Assert.Equal("every fortnight", warning.AgreedFrequency);
    }

    [Fact]
    public void A_partner_never_contacted_since_joining_is_quiet_once_the_first_contact_is_overdue()
    {
        var agreed = new[] { new AgreedContact(School, "meeting", ContactFrequency.Monthly) };

        Assert.Empty(CadenceRules.FindQuiet([SchoolLast(null, joinedDaysAgo: 20)], agreed, Today));

        var warning = Assert.Single(CadenceRules.FindQuiet([SchoolLast(null, joinedDaysAgo: 40)], agreed, Today));
        Assert.Null(warning.DaysSinceLastContact);
        Assert.Equal(40, warning.DaysSince);
        Assert.StartsWith("You have not been in touch with Hilltop School since they joined 40 days ago.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Months_are_calendar_months()
    {
        var monthly = new AgreedContact(School, "meeting", ContactFrequency.Monthly);

        Assert.Equal(new DateOnly(2026, 2, 28), CadenceRules.NextExpected(new DateOnly(2026, 1, 31), monthly));
        Assert.Equal(new DateOnly(2026, 4, 30), CadenceRules.NextExpected(new DateOnly(2026, 1, 31), monthly with { Frequency = ContactFrequency.Quarterly }));
    }

    [Fact]
    public void Every_n_days_uses_the_number_given()
    {
        var agreed = new AgreedContact(School, "video call", ContactFrequency.EveryNDays, 10);

        Assert.Empty(CadenceRules.FindQuiet([SchoolLast(10)], [agreed], Today));
        Assert.Equal("every 10 days", Assert.Single(CadenceRules.FindQuiet([SchoolLast(11)], [agreed], Today)).AgreedFrequency);
        Assert.Throws<ArgumentException>(() => CadenceRules.NextExpected(Today, agreed with { EveryDays = null }));
    }

    [Fact]
    public void Partners_with_nothing_agreed_are_not_warned_about()
    {
        Assert.Empty(CadenceRules.FindQuiet([SchoolLast(null, joinedDaysAgo: 400)], [], Today));
    }

    [Fact]
    public void The_longest_silence_comes_first()
    {
        var partners = new[] { SchoolLast(20), new PartnerLastContact(Library, "Hilltop Library", Today.AddDays(-300), Today.AddDays(-100)) };
        var agreed = new[]
        {
            new AgreedContact(School, "e-mail", ContactFrequency.Weekly),
            new AgreedContact(Library, "meeting", ContactFrequency.Quarterly),
        };

        Assert.Equal([Library, School], CadenceRules.FindQuiet(partners, agreed, Today).Select(w => w.PartnerId));
    }
}
