using Concord.Web.Features.Accounts;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Concord.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

/// <summary>
/// Demo commitments, ledger entries and agreed contact for the demo partnerships: commitments in every state (one late by
/// date only), a correction, promises that became commitments, and a partner gone quiet. Runs once per partnership.
/// </summary>
public sealed class CommitmentsLedgerDemo : IDemoSeeder
{
    /// <summary>After the checklists.</summary>
    public int Order => 20;

    public Task SeedAsync(DemoContext demo, CancellationToken ct) => SeedAsync(demo.Db, demo.Clock, ct);

    private const string Domain = "brightwater.example";

    public static async Task SeedAsync(ConcordDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = London.Today(clock);
        var now = clock.GetUtcNow();
        await LonelinessAsync(db, today, now, ct);
        await GenerationsAsync(db, today, now, ct);
        await db.SaveChangesAsync(ct);
    }

    private sealed class Seed(ConcordDb db, Partnership partnership, Dictionary<string, Guid> partners, Dictionary<string, Guid> people, DateTimeOffset now)
    {
        private long sequence;
        private string previous = LedgerChain.GenesisHash;

        public Guid Partner(string organisation) => partners.First(p => p.Key.StartsWith(organisation, StringComparison.Ordinal)).Value;

        public Guid Person(string key) => people[key];

        public Commitment Commitment(string what, string owner, string? person, DateOnly due, string doneWhen,
            CommitmentSource source = CommitmentSource.Agreement, Guid? entry = null)
        {
            var c = new Commitment
            {
                PartnershipId = partnership.Id,
                What = what,
                OwnerPartnerId = Partner(owner),
                OwnerPersonId = person is null ? null : Person(person),
                DueDate = due,
                DoneWhen = doneWhen,
                Source = entry is null ? source : CommitmentSource.LedgerEntry,
                SourceLedgerEntryId = entry,
                ReportedStatus = CommitmentStatus.OnTrack,
                CreatedAt = now,
            };
            db.Add(c);
            return c;
        }

        public void Report(Commitment c, CommitmentStatus status, DateOnly date, string note, string by)
        {
            c.ReportedStatus = status;
            c.DoneOn = status == CommitmentStatus.Done ? date : null;
            db.Add(new CommitmentUpdate { CommitmentId = c.Id, Date = date, Status = status, Note = note, ById = Person(by), RecordedAt = now });
        }

        public LedgerEntry Entry(LedgerEntryKind kind, DateOnly date, string summary, string author, string[] organisations, string[] names,
            (string What, string Owner, string? Person, DateOnly Due, string DoneWhen)[]? promises = null, Guid? corrects = null)
        {
            ++sequence;
            var sealedEntry = LedgerEntry.Seal(partnership.Id, sequence, kind, date, summary, organisations.Select(Partner).ToList(), names,
                (promises ?? []).Select(p => p.What).ToList(), corrects, Person(author), now.AddMinutes(sequence), previous);
            previous = sealedEntry.Hash;
            db.Add(sealedEntry);
            foreach (var p in promises ?? [])
            {
                Commitment(p.What, p.Owner, p.Person, p.Due, p.DoneWhen, entry: sealedEntry.Id);
            }

            return sealedEntry;
        }

        public void Method(string organisation, string channel, ContactFrequency frequency, string contacts) =>
            db.Add(new CommunicationMethod { PartnershipId = partnership.Id, PartnerId = Partner(organisation), Channel = channel, Frequency = frequency, Contacts = contacts, CreatedAt = now });
    }

    private static async Task<Seed?> StartAsync(ConcordDb db, string name, DateTimeOffset now, CancellationToken ct)
    {
        var partnership = await db.Set<Partnership>().FirstOrDefaultAsync(p => p.Name == name, ct);
        if (partnership is null || await db.Set<LedgerEntry>().AnyAsync(e => e.PartnershipId == partnership.Id, ct) ||
            await db.Set<Commitment>().AnyAsync(c => c.PartnershipId == partnership.Id, ct))
        {
            return null;
        }

        var partners = await db.Set<Partner>().Where(p => p.PartnershipId == partnership.Id)
            .Join(db.Set<Organisation>(), p => p.OrganisationId, o => o.Id, (p, o) => new { p.Id, o.Name })
            .ToDictionaryAsync(x => x.Name, x => x.Id, ct);
        var people = await db.Set<Account>().Where(a => a.Email!.EndsWith("@" + Domain))
            .ToDictionaryAsync(a => a.Email!.Split('@', StringSplitOptions.None)[0], a => a.Id, ct);
        return new Seed(db, partnership, partners, people, now);
    }

    private static async Task LonelinessAsync(ConcordDb db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await StartAsync(db, "Brightwater Together Against Loneliness", now, ct) is not { } s)
        {
            return;
        }

        s.Entry(LedgerEntryKind.Meeting, today.AddDays(-60),
            "Steering group start-up meeting. Partners agreed the referral route: any partner can refer an older person to Kettle and Chat for befriending, and to the Advice Centre for a benefits check.",
            "cara.whitfield", ["Silverlinks", "Kettle", "Brightwater Advice", "Riverside", "Brightwater Borough"], ["Cara Whitfield", "Pete Lomas", "Ian Castle", "Olive Brandt", "Rob Delaney"],
            [("Share the referral form with every partner", "Kettle", "pete.lomas", today.AddDays(-30), "Each partner confirms they have the form")]);
        s.Entry(LedgerEntryKind.Call, today.AddDays(-40),
            "Call with Riverside Homes about reaching tenants in sheltered housing who live alone.",
            "cara.whitfield", ["Riverside"], ["Cara Whitfield", "Olive Brandt"],
            [("Send the list of sheltered housing schemes and scheme managers", "Riverside", "olive.brandt", today.AddDays(-5), "The list is in the shared folder")]);
        var booking = s.Entry(LedgerEntryKind.Email, today.AddDays(-20),
            "St Anne's Hall confirmed the booking for the winter social on the 12th.", "pete.lomas", ["Kettle", "Silverlinks"], ["Pete Lomas", "Cara Whitfield"]);
        s.Entry(LedgerEntryKind.Email, today.AddDays(-19),
            "Correction: the hall is booked for the 19th, not the 12th. The hall's first e-mail had the wrong date.", "pete.lomas", ["Kettle", "Silverlinks"], ["Pete Lomas"], corrects: booking.Id);
        s.Entry(LedgerEntryKind.Decision, today.AddDays(-6),
            "Decided to pilot telephone befriending for people who cannot get to a group.", "cara.whitfield", ["Kettle", "Silverlinks", "Brightwater Advice"], ["Cara Whitfield", "Pete Lomas", "Sam Reid"],
            [("Recruit ten telephone befrienders", "Kettle", "pete.lomas", today.AddDays(5), "Ten volunteers have had their induction")]);

        var leaflet = s.Commitment("Publish the joint leaflet about the partnership's services", "Silverlinks", "cara.whitfield", today.AddDays(20), "Leaflets delivered to every GP surgery in Brightwater");
        s.Report(leaflet, CommitmentStatus.AtRisk, today.AddDays(-3), "The printer has a six-week queue; looking for another.", "cara.whitfield");
        s.Commitment("Run benefits check sessions at two lunch clubs", "Brightwater Advice", "sam.reid", today.AddDays(3), "Two sessions held, numbers recorded", CommitmentSource.Meeting);
        var report = s.Commitment("Send the quarterly numbers to the funder", "Silverlinks", "cara.whitfield", today.AddDays(-10), "The funder confirms receipt");
        s.Report(report, CommitmentStatus.Done, today.AddDays(-12), "Sent two days early.", "cara.whitfield");
        var training = s.Commitment("Train befriending volunteers in safeguarding", "Kettle", "pete.lomas", today.AddDays(-15), "All active volunteers have a certificate");
        s.Report(training, CommitmentStatus.Done, today.AddDays(-10), "The trainer was ill, so it ran a week late.", "pete.lomas");
        var spaces = s.Commitment("Share the list of warm spaces open this winter", "Brightwater Borough", "rob.delaney", today.AddDays(12), "List shared with all partners");
        s.Report(spaces, CommitmentStatus.Late, today.AddDays(-1), "Waiting for two venues to confirm their hours.", "rob.delaney");

        s.Method("Kettle", "Weekly phone call", ContactFrequency.Weekly, "Pete Lomas");
        s.Method("Riverside", "Monthly meeting", ContactFrequency.Monthly, "Olive Brandt");
        s.Method("Brightwater Borough", "E-mail update", ContactFrequency.Quarterly, "Rob Delaney");
    }

    private static async Task GenerationsAsync(ConcordDb db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await StartAsync(db, "Generations Connect", now, ct) is not { } s)
        {
            return;
        }

        s.Entry(LedgerEntryKind.Meeting, today.AddDays(-10),
            "First planning meeting at Brightwater Academy. Agreed to start with a weekly board games afternoon.",
            "grace.adeyemi", ["Brightwater Academy", "Kettle", "Silverlinks"], ["Grace Adeyemi", "Pete Lomas", "Cara Whitfield"],
            [("Draft the plan for the first six sessions", "Brightwater Academy", "grace.adeyemi", today.AddDays(14), "Plan shared with partners")]);
        s.Commitment("Check which lunch club members would like to take part", "Kettle", "pete.lomas", today.AddDays(21), "A list of names and any access needs");
        s.Method("Brightwater Academy", "Planning meeting", ContactFrequency.Fortnightly, "Grace Adeyemi");
    }
}
