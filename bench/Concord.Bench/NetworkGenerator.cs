using System.Diagnostics;
using System.Globalization;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Agreements;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Delivery;
using Concord.Web.Features.Ledger;
using Concord.Web.Features.Lessons;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Readiness;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Concord.Bench;

/// <summary>How much to generate: PRODUCT.md's "Scale to design for" at 1.0.</summary>
internal sealed record Scale(int Organisations, int Partnerships, int Accounts, int LedgerEntries, int Commitments, int Lessons)
{
    public static Scale Product { get; } = new(2_000, 300, 50_000, 2_000_000, 60_000, 100_000);

    public Scale Times(double factor) => factor == 1 ? this : new(
        Math.Max(40, (int)(Organisations * factor)), Math.Max(20, (int)(Partnerships * factor)), Math.Max(2_000, (int)(Accounts * factor)),
        Math.Max(2_000, (int)(LedgerEntries * factor)), Math.Max(500, (int)(Commitments * factor)), Math.Max(1_000, (int)(Lessons * factor)));
}

/// <summary>
/// A whole network at PRODUCT.md scale, written with <see cref="BulkWriter"/>: organisations and their people, partnerships
/// with 3–12 partners and members in every role, a hash-chained ledger per partnership (sealed with the app's
/// <see cref="LedgerEntry.Seal"/>, so <c>verify</c> passes), commitments with status updates, agreements with signatures,
/// readiness answers, aims and objectives, the delivery model, agreed contact methods, and the lessons library.
/// </summary>
internal static class NetworkGenerator
{
    /// <summary>Every account's password (one hash, computed once, is stored for all of them).</summary>
    public const string Password = "bench-load-password-2026";

    /// <summary>The people the load test signs in: load01@bench.example … load50@bench.example.</summary>
    public const int LoadPeople = 50;

    public static string LoadEmail(int i) => $"load{i + 1:00}@bench.example";

    private static readonly string[] FirstNames =
    [
        "Amira", "Ben", "Chloe", "Dev", "Eleanor", "Femi", "Grace", "Harry", "Isla", "Jamal", "Kate", "Liam", "Maya", "Niall", "Olu", "Priya",
        "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wendy", "Xavier", "Yasmin", "Zac", "Aled", "Bethan", "Ciara", "Dafydd", "Ewan", "Fiona",
    ];

    private static readonly string[] Surnames =
    [
        "Ahmed", "Baker", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Owen",
        "Patel", "Quayle", "Roberts", "Singh", "Taylor", "Udeh", "Vaughan", "Walker", "Young", "Zhang", "Murphy", "Kelly", "Byrne", "Reid",
    ];

    private static readonly string[] Towns =
    [
        "Brightwater", "Ashford", "Millbrook", "Kingsmere", "Northgate", "Riverside", "Oakfield", "Eastleigh", "Highcliffe", "Westmoor",
        "Stonebridge", "Fairhaven", "Greenhill", "Marshfield", "Redcastle", "Larkspur", "Thornbury", "Elmstead", "Harwood", "Calder",
    ];

    private static readonly (string Suffix, OrganisationType Type)[] Kinds =
    [
        ("Advice Centre", OrganisationType.Charity), ("Age Concern", OrganisationType.Charity), ("Community Trust", OrganisationType.Charity),
        ("Befriending Service", OrganisationType.CommunityGroup), ("Carers Network", OrganisationType.CommunityGroup), ("Primary School", OrganisationType.SchoolOrCollege),
        ("College", OrganisationType.SchoolOrCollege), ("Borough Council", OrganisationType.Council), ("Health Partnership", OrganisationType.NhsBody),
        ("Homes", OrganisationType.HousingAssociation), ("Social Enterprise CIC", OrganisationType.Cic), ("Men's Shed", OrganisationType.CommunityGroup),
        ("Food Bank", OrganisationType.Charity), ("Youth Club", OrganisationType.CommunityGroup), ("Library Friends", OrganisationType.Other),
    ];

    private static readonly string[] Channels = ["Monthly partners' call", "Weekly e-mail update", "Steering group meeting", "Shared chat channel", "Quarterly review visit", "Phone call with the lead"];

    private sealed class PartnerPlan
    {
        public required Partner Partner { get; init; }
        public required int Organisation { get; init; }
        public List<Guid> People { get; } = [];
    }

    private sealed class PartnershipPlan
    {
        public required Partnership Partnership { get; init; }
        public List<PartnerPlan> Partners { get; } = [];
        public List<PartnershipMembership> Members { get; } = [];
        public HashSet<Guid> MemberIds { get; } = [];
        public int LedgerEntries { get; set; }
        public int Commitments { get; set; }

        public IEnumerable<Guid> Contributors => Members.Where(m => m.Role != PartnershipRole.Observer).Select(m => m.AccountId);

        public void Add(PartnershipMembership member)
        {
            if (MemberIds.Add(member.AccountId))
            {
                Members.Add(member);
            }
        }
    }

    private sealed record Promise(Guid PartnershipId, Guid EntryId, Guid PartnerId, DateOnly Date, string What);

    public static async Task GenerateAsync(ConcordDb db, Scale scale, TextWriter log)
    {
        var total = Stopwatch.StartNew();
        var random = new Random(20261209);
        var now = LedgerChain.NormaliseRecordedAt(DateTimeOffset.UtcNow);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var categories = await db.Set<LessonCategoryEntry>().OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();

        // Organisations, then people: at least 5 people in every organisation, the rest skewed so some organisations are large.
        var organisations = Enumerable.Range(0, scale.Organisations).Select(i =>
        {
            var (suffix, type) = Kinds[i / Towns.Length % Kinds.Length];
            return new Organisation
            {
                Name = $"{Towns[i % Towns.Length]} {suffix}{(i >= Towns.Length * Kinds.Length ? " " + (i / (Towns.Length * Kinds.Length) + 1).ToString(CultureInfo.InvariantCulture) : "")}",
                Type = type,
                IncomeBand = (IncomeBand)random.Next(1, 6),
                CharityNumber = type == OrganisationType.Charity ? (1_100_000 + i).ToString(CultureInfo.InvariantCulture) : null,
                CreatedAt = now.AddDays(-2_000 + i % 500),
            };
        }).ToList();

        var hash = new PasswordHasher<Account>().HashPassword(new Account(), Password);
        var accounts = new List<Account>(scale.Accounts);
        var homeOrganisation = new int[scale.Accounts];
        var peopleByOrganisation = Enumerable.Range(0, organisations.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < scale.Accounts; i++)
        {
            var email = i < LoadPeople ? LoadEmail(i) : $"person{i + 1}@bench.example";
            accounts.Add(new Account
            {
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                LockoutEnabled = true,
                PasswordHash = hash,
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                DisplayName = $"{FirstNames[random.Next(FirstNames.Length)]} {Surnames[random.Next(Surnames.Length)]}",
                NetworkRole = i is >= LoadPeople and < LoadPeople + 3 ? NetworkRole.NetworkAdmin
                    : i is >= LoadPeople + 3 and < LoadPeople + 13 ? NetworkRole.LearningTeam : NetworkRole.None,
                CreatedAt = now.AddDays(-random.Next(30, 1_500)),
            });
            var organisation = i < organisations.Count * 5 ? i % organisations.Count : (int)(Math.Pow(random.NextDouble(), 2.5) * organisations.Count);
            homeOrganisation[i] = organisation;
            if (i >= LoadPeople)
            {
                peopleByOrganisation[organisation].Add(i);
            }
        }

        var organisationMembers = new List<OrganisationMembership>(scale.Accounts + 200);
        var organisationMemberKeys = new HashSet<(int Organisation, int Account)>();
        void JoinOrganisation(int organisation, int account, OrganisationRole role)
        {
            if (organisationMemberKeys.Add((organisation, account)))
            {
                organisationMembers.Add(new OrganisationMembership
                {
                    OrganisationId = organisations[organisation].Id,
                    AccountId = accounts[account].Id,
                    Role = role,
                    CreatedAt = accounts[account].CreatedAt,
                });
            }
        }

        for (var i = 0; i < scale.Accounts; i++)
        {
            var first = peopleByOrganisation[homeOrganisation[i]] is { Count: > 0 } pool && pool[0] == i;
            JoinOrganisation(homeOrganisation[i], i, first ? OrganisationRole.Admin : random.NextDouble() < 0.75 ? OrganisationRole.Staff : OrganisationRole.Volunteer);
        }

        // Partnerships, each with 3–12 partners, members in every role (people of the partner organisations), and a ledger
        // whose size is spread unevenly: weight 1/(rank + 20), so the largest have tens of thousands of entries.
        var plans = new List<PartnershipPlan>(scale.Partnerships);
        var weights = Enumerable.Range(0, scale.Partnerships).Select(r => 1.0 / (r + 20)).OrderBy(_ => random.Next()).ToArray();
        var weightSum = weights.Sum();
        for (var p = 0; p < scale.Partnerships; p++)
        {
            var start = today.AddDays(-random.Next(400, 2_200));
            var partnerCount = random.Next(3, 13);
            var chosen = new List<int>();
            while (chosen.Count < partnerCount)
            {
                var o = random.Next(organisations.Count);
                if (!chosen.Contains(o) && peopleByOrganisation[o].Count >= 3)
                {
                    chosen.Add(o);
                }
            }

            var plan = new PartnershipPlan
            {
                Partnership = new Partnership
                {
                    Name = $"{Towns[p % Towns.Length]} {(p % 3 == 0 ? "Together Against Loneliness" : p % 3 == 1 ? "Advice Partnership" : "Generations Connect")} {p + 1}",
                    Purpose = "Reduce loneliness and isolation among older people by working together across the town.",
                    Beneficiaries = "Older people living alone, and their carers.",
                    Area = Towns[p % Towns.Length],
                    StartDate = start,
                    Funder = p % 4 == 0 ? "National Lottery Community Fund" : "County Council",
                    Status = p % 17 == 0 ? PartnershipStatus.Forming : PartnershipStatus.Active,
                    LeadOrganisationId = organisations[chosen[0]].Id,
                    CreatedAt = now.AddDays(start.DayNumber - today.DayNumber),
                },
            };
            plan.LedgerEntries = Math.Max(1, (int)Math.Round(scale.LedgerEntries * weights[p] / weightSum));
            var id = plan.Partnership.Id;
            foreach (var (o, index) in chosen.Select((o, index) => (o, index)))
            {
                var pool = peopleByOrganisation[o];
                var people = pool.OrderBy(_ => random.Next()).Take(Math.Min(pool.Count, random.Next(4, 18))).ToList();
                var partner = new PartnerPlan
                {
                    Organisation = o,
                    Partner = new Partner
                    {
                        PartnershipId = id,
                        OrganisationId = organisations[o].Id,
                        Role = index == 0 ? PartnerRole.Lead : (PartnerRole)random.Next(1, 4),
                        JoinedOn = index < 3 ? start : start.AddDays(random.Next(0, 300)),
                        LeftOn = index >= 3 && random.NextDouble() < 0.05 ? today.AddDays(-random.Next(10, 200)) : null,
                        LeadContactId = accounts[people[0]].Id,
                    },
                };
                plan.Partners.Add(partner);
                for (var k = 0; k < people.Count; k++)
                {
                    var role = k == 0 ? PartnershipRole.PartnerLead
                        : index == 0 && k == 1 ? PartnershipRole.Coordinator
                        : k == 2 && index < 3 ? PartnershipRole.SteeringMember
                        : random.NextDouble() < 0.75 ? PartnershipRole.Staff : PartnershipRole.Volunteer;
                    plan.Add(new PartnershipMembership { PartnershipId = id, AccountId = accounts[people[k]].Id, Role = role, OrganisationId = organisations[o].Id, CreatedAt = plan.Partnership.CreatedAt });
                    partner.People.Add(accounts[people[k]].Id);
                }
            }

            // An observer from outside the partners (the funder's officer).
            plan.Add(new PartnershipMembership { PartnershipId = id, AccountId = accounts[LoadPeople + 13 + random.Next(scale.Accounts - LoadPeople - 13)].Id, Role = PartnershipRole.Observer, CreatedAt = plan.Partnership.CreatedAt });
            plans.Add(plan);
        }

        // Rounding leaves the total a few entries off: the largest ledger takes the difference.
        plans.MaxBy(p => p.LedgerEntries)!.LedgerEntries += scale.LedgerEntries - plans.Sum(p => p.LedgerEntries);

        // The people the load test signs in: partner leads and staff (never coordinators or network admins, who must use
        // two-step verification first) in two or three of the partnerships with the largest ledgers.
        var largest = plans.OrderByDescending(p => p.LedgerEntries).Take(Math.Min(12, plans.Count)).ToList();
        for (var i = 0; i < LoadPeople; i++)
        {
            var theirs = new[] { largest[i % largest.Count], largest[(i + 5) % largest.Count] }.Concat(i % 3 == 0 ? [largest[(i + 9) % largest.Count]] : []).Distinct();
            foreach (var plan in theirs)
            {
                var partner = plan.Partners[random.Next(plan.Partners.Count)];
                JoinOrganisation(partner.Organisation, i, OrganisationRole.Staff);
                plan.Add(new PartnershipMembership
                {
                    PartnershipId = plan.Partnership.Id,
                    AccountId = accounts[i].Id,
                    Role = i % 2 == 0 ? PartnershipRole.PartnerLead : PartnershipRole.Staff,
                    OrganisationId = partner.Partner.OrganisationId,
                    CreatedAt = plan.Partnership.CreatedAt,
                });
                partner.People.Add(accounts[i].Id);
            }
        }

        // Commitments: about a third made as promises in ledger entries (1 % of entries make one), the rest spread with the ledgers.
        var promiseRate = scale.Commitments / 3.0 / scale.LedgerEntries;
        var otherCommitments = scale.Commitments - (int)(scale.Commitments / 3.0);
        var minimum = Math.Min(15, otherCommitments / plans.Count);
        foreach (var plan in plans)
        {
            plan.Commitments = minimum + (int)((otherCommitments - minimum * plans.Count) * (double)plan.LedgerEntries / scale.LedgerEntries);
        }

        log.WriteLine($"  planned in {total.Elapsed.TotalSeconds:N1} s");
        await using var writer = await BulkWriter.OpenAsync(db);
        await writer.WriteAsync(new[] { new Concord.Web.Features.Network.Network { Name = "Bench network", CreatedAt = now.AddDays(-2_100) } });
        await writer.WriteAsync(organisations);
        await writer.WriteAsync(accounts);
        await writer.WriteAsync(organisationMembers);
        await writer.WriteAsync(plans.Select(p => p.Partnership));
        await writer.WriteAsync(plans.SelectMany(p => p.Partners.Select(x => x.Partner)));
        await writer.WriteAsync(plans.SelectMany(p => p.Members));
        await writer.CommitAsync();
        Report(log, writer, total);

        var names = accounts.ToDictionary(a => a.Id, a => a.DisplayName);
        await WriteReadinessAndDeliveryAsync(writer, plans, random);
        Report(log, writer, total);

        // The ledger, partnership by partnership: entries sealed in sequence, each after the one before.
        var sealing = new Stopwatch();
        var promises = new List<Promise>();
        var written = 0L;
        foreach (var plan in plans)
        {
            sealing.Start();
            var entries = SealLedger(plan, random, now, today, names, promiseRate, promises);
            sealing.Stop();
            await writer.WriteAsync(entries);
            await writer.WriteAsync(entries.SelectMany(e => e.Partners));
            written += entries.Count;
            if (written / 250_000 != (written - entries.Count) / 250_000)
            {
                log.WriteLine($"  {written:N0} ledger entries ({total.Elapsed.TotalSeconds:N0} s)");
            }
        }

        await writer.CommitAsync();
        log.WriteLine($"  sealing the chains (LedgerEntry.Seal, in memory): {sealing.Elapsed.TotalSeconds:N1} s");
        Report(log, writer, total);

        var (commitments, updates) = MakeCommitments(plans, promises, random, now, today);
        await writer.WriteAsync(commitments);
        await writer.WriteAsync(updates);
        await writer.WriteAsync(MakeAgreements(plans, commitments, random, now, names, out var signatures));
        await writer.WriteAsync(signatures);
        await writer.CommitAsync();
        Report(log, writer, total);

        // The lessons library, in the partnerships above, written by their members.
        var lessonRandom = new Random(20261201);
        await writer.WriteAsync(LessonsFor(plans, lessonRandom, now, categories, scale.Lessons, out var tags));
        await writer.WriteAsync(tags);
        await writer.CommitAsync();
        Report(log, writer, total);

        log.WriteLine();
        log.WriteLine("| table | rows | seconds |");
        log.WriteLine("|---|---:|---:|");
        foreach (var (table, (rows, time)) in writer.Totals)
        {
            log.WriteLine($"| {table} | {rows:N0} | {time.TotalSeconds:N1} |");
        }

        log.WriteLine($"| (sealing ledger hash chains) | | {sealing.Elapsed.TotalSeconds:N1} |");
        log.WriteLine($"| **all rows written** | {writer.Totals.Values.Sum(t => t.Rows):N0} | {total.Elapsed.TotalSeconds:N1} |");
    }

    private static void Report(TextWriter log, BulkWriter writer, Stopwatch total)
    {
        var reported = ReportedTables.GetOrCreateValue(writer);
        var fresh = writer.Totals.Where(t => reported.Add(t.Key)).Select(t => $"{t.Key} {t.Value.Rows:N0}");
        log.WriteLine($"  {string.Join(", ", fresh)} ({total.Elapsed.TotalSeconds:N0} s)");
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BulkWriter, HashSet<string>> ReportedTables = new();

    private static List<LedgerEntry> SealLedger(PartnershipPlan plan, Random random, DateTimeOffset now, DateOnly today,
        Dictionary<Guid, string> names, double promiseRate, List<Promise> promises)
    {
        var id = plan.Partnership.Id;
        var start = plan.Partnership.StartDate!.Value;
        var span = today.DayNumber - 1 - start.DayNumber;
        var authors = plan.Contributors.ToList();
        var partners = plan.Partners.Select(p => p.Partner).ToList();
        var entries = new List<LedgerEntry>(plan.LedgerEntries);
        var previous = LedgerChain.GenesisHash;
        for (var s = 1; s <= plan.LedgerEntries; s++)
        {
            var date = start.AddDays((int)((long)span * s / plan.LedgerEntries));
            var kindRoll = random.NextDouble();
            var kind = kindRoll < 0.35 ? LedgerEntryKind.Email : kindRoll < 0.55 ? LedgerEntryKind.Call : kindRoll < 0.8 ? LedgerEntryKind.Meeting
                : kindRoll < 0.9 ? LedgerEntryKind.Decision : kindRoll < 0.93 ? LedgerEntryKind.Letter : kindRoll < 0.95 ? LedgerEntryKind.Agreement : LedgerEntryKind.Other;
            var involved = new List<Guid>(3);
            for (var n = random.Next(1, 4); involved.Count < Math.Min(n, partners.Count);)
            {
                var candidate = partners[random.Next(partners.Count)].Id;
                if (!involved.Contains(candidate))
                {
                    involved.Add(candidate);
                }
            }

            var people = Enumerable.Range(0, random.Next(0, 4)).Select(_ => names[authors[random.Next(authors.Count)]]).Distinct().ToList();
            var promised = random.NextDouble() < promiseRate ? new[] { $"Send {Lessons.Thing(random)} for the {Lessons.Topic(random)}" } : [];
            Guid? corrects = s > 10 && random.NextDouble() < 0.003 ? entries[random.Next(entries.Count)].Id : null;
            var summary = corrects is null ? Lessons.Sentence(random) + (random.NextDouble() < 0.5 ? " " + Lessons.Sentence(random) : "")
                : "Correction: " + Lessons.Sentence(random);
            var recordedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(random.Next(0, 600));
            var entry = LedgerEntry.Seal(id, s, kind, date, summary, involved, people, promised, corrects, authors[random.Next(authors.Count)],
                recordedAt > now ? now : recordedAt, previous);
            previous = entry.Hash;
            entries.Add(entry);
            if (promised.Length > 0)
            {
                promises.Add(new Promise(id, entry.Id, involved[0], date, promised[0]));
            }
        }

        return entries;
    }

    private static (List<Commitment>, List<CommitmentUpdate>) MakeCommitments(List<PartnershipPlan> plans, List<Promise> promises, Random random,
        DateTimeOffset now, DateOnly today)
    {
        var commitments = new List<Commitment>();
        var updates = new List<CommitmentUpdate>();
        var byPartnership = promises.ToLookup(p => p.PartnershipId);
        foreach (var plan in plans)
        {
            var partners = plan.Partners;
            var start = plan.Partnership.StartDate!.Value;
            var span = today.DayNumber - start.DayNumber;
            var made = byPartnership[plan.Partnership.Id]
                .Select(p => (Promise: (Promise?)p, Partner: partners.First(x => x.Partner.Id == p.PartnerId), Made: p.Date, What: p.What))
                .Concat(Enumerable.Range(0, plan.Commitments).Select(_ =>
                    (Promise: (Promise?)null, Partner: partners[random.Next(partners.Count)], Made: start.AddDays(random.Next(0, span)),
                        What: $"Deliver {Lessons.Thing(random)} for the {Lessons.Topic(random)}")));
            foreach (var (promise, partner, madeOn, what) in made)
            {
                var due = madeOn.AddDays(random.Next(14, 180));
                var owner = random.NextDouble() < 0.75 ? partner.People[LoadBiased(random, partner.People)] : (Guid?)null;
                var past = due < today;
                var roll = random.NextDouble();
                var status = past
                    ? roll < 0.75 ? CommitmentStatus.Done : roll < 0.85 ? CommitmentStatus.AtRisk : CommitmentStatus.OnTrack
                    : roll < 0.8 ? CommitmentStatus.OnTrack : CommitmentStatus.AtRisk;
                DateOnly? doneOn = status == CommitmentStatus.Done ? Min(today, Max(madeOn, due.AddDays(random.Next(-20, 15)))) : null;
                var commitment = new Commitment
                {
                    PartnershipId = plan.Partnership.Id,
                    What = what,
                    OwnerPartnerId = partner.Partner.Id,
                    OwnerPersonId = owner,
                    DueDate = due,
                    DoneWhen = "The partners have it and say it is what they need.",
                    Source = promise is not null ? CommitmentSource.LedgerEntry : random.NextDouble() < 0.5 ? CommitmentSource.Meeting : CommitmentSource.Agreement,
                    SourceLedgerEntryId = promise?.EntryId,
                    ReportedStatus = status,
                    DoneOn = doneOn,
                    CreatedAt = new DateTimeOffset(madeOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
                    CreatedById = partner.People[0],
                };
                commitments.Add(commitment);

                // 0–4 status updates, the last one being the reported status (done ones always have the "done" update).
                var count = status == CommitmentStatus.Done ? random.Next(1, 5) : random.Next(0, 4);
                var last = Min(today, doneOn ?? Min(today, due.AddDays(30)));
                for (var u = 1; u <= count; u++)
                {
                    var date = madeOn.AddDays((int)((long)(last.DayNumber - madeOn.DayNumber) * u / count));
                    var updateStatus = u == count ? status : random.NextDouble() < 0.8 ? CommitmentStatus.OnTrack : CommitmentStatus.AtRisk;
                    updates.Add(new CommitmentUpdate
                    {
                        CommitmentId = commitment.Id,
                        Date = date,
                        Status = updateStatus,
                        Note = updateStatus == CommitmentStatus.Done ? "Delivered and shared with the partners." : Lessons.Sentence(random),
                        ById = owner ?? partner.People[0],
                        RecordedAt = Min(now, new DateTimeOffset(date.ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero)),
                    });
                }
            }
        }

        return (commitments, updates);
    }

    // The load test's people (the last ones added to a partner) own a larger share, so "my commitments" has rows to show.
    private static int LoadBiased(Random random, List<Guid> people) =>
        people.Count > 1 && random.NextDouble() < 0.2 ? people.Count - 1 - random.Next(Math.Min(3, people.Count - 1)) : random.Next(people.Count);

    private static List<AgreementVersion> MakeAgreements(List<PartnershipPlan> plans, List<Commitment> commitments, Random random, DateTimeOffset now,
        Dictionary<Guid, string> names, out List<AgreementSignature> signatures)
    {
        var versions = new List<AgreementVersion>();
        signatures = [];
        var byPartnership = commitments.ToLookup(c => c.PartnershipId);
        foreach (var plan in plans)
        {
            var count = random.Next(1, 5);
            var created = plan.Partnership.CreatedAt.AddDays(20);
            var snapshot = string.Join("\n", byPartnership[plan.Partnership.Id].Take(25).Select(c => $"- {c.What} (due {c.DueDate:d MMMM yyyy})"));
            for (var v = 1; v <= count; v++)
            {
                var body = $"""
                    # Partnership agreement, version {v}

                    ## Why we work together
                    {Lessons.Sentence(random)} {Lessons.Sentence(random)}

                    ## What each partner does
                    {string.Join("\n", plan.Partners.Select(p => $"- {names[p.Partner.LeadContactId!.Value]} leads for their organisation: {Lessons.Sentence(random)}"))}

                    ## How we decide
                    Decisions are made by the steering group by consent. {Lessons.Sentence(random)}
                    """;
                var text = AgreementText.Normalise(body + "\n\n## Commitments at the time of this version\n" + snapshot + "\n");
                var signedBefore = v > 1;
                var version = new AgreementVersion
                {
                    PartnershipId = plan.Partnership.Id,
                    Number = v,
                    Body = body,
                    Text = text,
                    TextHash = AgreementText.Hash(text),
                    Kind = v == 1 ? AgreementChangeKind.First : random.NextDouble() < 0.5 ? AgreementChangeKind.Enhancement : AgreementChangeKind.Change,
                    Reason = signedBefore ? "The partners agreed a change at the steering group." : null,
                    CreatedAt = created,
                    CreatedById = plan.Members.First(m => m.Role == PartnershipRole.Coordinator).AccountId,
                };
                versions.Add(version);
                var latest = v == count;
                foreach (var partner in plan.Partners.Where(p => p.Partner.LeftOn is null))
                {
                    if (latest && random.NextDouble() < 0.4)
                    {
                        continue;
                    }

                    var signer = partner.Partner.LeadContactId!.Value;
                    signatures.Add(new AgreementSignature
                    {
                        AgreementVersionId = version.Id,
                        PartnerId = partner.Partner.Id,
                        SignedById = signer,
                        SignedByName = names[signer],
                        SignedAt = Min(now, created.AddDays(random.Next(1, 30))),
                        TextHash = version.TextHash,
                    });
                }

                created = Min(now.AddDays(-1), created.AddDays(random.Next(60, 300)));
            }
        }

        return versions;
    }

    private static async Task WriteReadinessAndDeliveryAsync(BulkWriter writer, List<PartnershipPlan> plans, Random random)
    {
        var reflections = new List<ReadinessReflection>();
        var aims = new List<PartnerAim>();
        var objectives = new List<Objective>();
        var links = new List<ObjectiveAim>();
        var workstreams = new List<Workstream>();
        var cells = new List<MatrixCell>();
        var methods = new List<CommunicationMethod>();
        foreach (var plan in plans)
        {
            var id = plan.Partnership.Id;
            var mine = new List<Objective>();
            for (var o = random.Next(3, 6); o > 0; o--)
            {
                mine.Add(new Objective { PartnershipId = id, Title = $"Fewer older people feel lonely: {Lessons.Topic(random)}", Description = Lessons.Sentence(random), CreatedAt = plan.Partnership.CreatedAt });
            }

            objectives.AddRange(mine);
            foreach (var partner in plan.Partners)
            {
                reflections.Add(new ReadinessReflection
                {
                    PartnershipId = id,
                    PartnerId = partner.Partner.Id,
                    WhyPartner = Lessons.Sentence(random),
                    AddedValue = Lessons.Sentence(random),
                    PeopleServed = Lessons.Sentence(random),
                    FunderDriven = (FunderDriven)random.Next(3),
                    FunderDrivenExplanation = Lessons.Sentence(random),
                    MissionAtStake = random.NextDouble() < 0.7 ? Lessons.Sentence(random) : null,
                    SmallPartner = random.NextDouble() < 0.5 ? Lessons.Sentence(random) : null,
                    UpdatedAt = plan.Partnership.CreatedAt.AddDays(5),
                    UpdatedById = partner.Partner.LeadContactId,
                });
                for (var a = random.Next(1, 4); a > 0; a--)
                {
                    var kind = (AimKind)random.Next(3);
                    var aim = new PartnerAim
                    {
                        PartnershipId = id,
                        PartnerId = partner.Partner.Id,
                        Kind = kind,
                        Description = $"{Lessons.Topic(random)} reaches more people",
                        Funder = kind == AimKind.FunderRequirement ? plan.Partnership.Funder : null,
                        CreatedAt = plan.Partnership.CreatedAt.AddDays(6),
                    };
                    aims.Add(aim);
                    if (random.NextDouble() < 0.8)
                    {
                        links.Add(new ObjectiveAim { ObjectiveId = mine[random.Next(mine.Count)].Id, AimId = aim.Id });
                    }
                }

                if (partner.Partner.LeftOn is null)
                {
                    var frequency = (ContactFrequency)random.Next(5);
                    methods.Add(new CommunicationMethod
                    {
                        PartnershipId = id,
                        PartnerId = partner.Partner.Id,
                        Channel = Channels[random.Next(Channels.Length)],
                        Frequency = frequency,
                        EveryDays = frequency == ContactFrequency.EveryNDays ? random.Next(3, 45) : null,
                        Contacts = "The partner lead, and the project officer when they are away.",
                        CreatedAt = plan.Partnership.CreatedAt.AddDays(7),
                    });
                }
            }

            for (var w = random.Next(3, 9); w > 0; w--)
            {
                var workstream = new Workstream { PartnershipId = id, Title = Lessons.Topic(random), Description = Lessons.Sentence(random), CreatedAt = plan.Partnership.CreatedAt.AddDays(8) };
                workstreams.Add(workstream);
                var accountable = random.Next(plan.Partners.Count);
                for (var k = 0; k < plan.Partners.Count; k++)
                {
                    var roll = random.NextDouble();
                    RaciRole? role = k == accountable ? RaciRole.Accountable : roll < 0.35 ? RaciRole.Responsible : roll < 0.6 ? RaciRole.Consulted : roll < 0.85 ? RaciRole.Informed : null;
                    if (role is { } r)
                    {
                        cells.Add(new MatrixCell { WorkstreamId = workstream.Id, PartnerId = plan.Partners[k].Partner.Id, PartnershipId = id, Role = r });
                    }
                }
            }
        }

        await writer.WriteAsync(reflections);
        await writer.WriteAsync(aims);
        await writer.WriteAsync(objectives);
        await writer.WriteAsync(links);
        await writer.WriteAsync(workstreams);
        await writer.WriteAsync(cells);
        await writer.WriteAsync(methods);
        await writer.CommitAsync();
    }

    private static IEnumerable<Lesson> LessonsFor(List<PartnershipPlan> plans, Random random, DateTimeOffset now, IReadOnlyList<Guid> categories, int count,
        out List<LessonTag> tags)
    {
        var lessons = new List<Lesson>(count);
        tags = [];
        for (var i = 0; i < count; i++)
        {
            var plan = plans[random.Next(plans.Count)];
            var authors = plan.Members;
            var lesson = Lessons.Make(random, i, now, categories, plan.Partnership.Id, authors[random.Next(authors.Count)].AccountId);
            lessons.Add(lesson);
            tags.AddRange(lesson.Tags);
        }

        return lessons;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
