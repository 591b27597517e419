using Concord.Web.Features.Agreements;
using Concord.Web.Features.Delivery;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Readiness;

/// <summary>
/// Demo data for readiness, aims, the delivery model and the agreement. In "Brightwater Together Against
/// Loneliness" three partners have reflected and visibly diverge, one partner's agenda is not met, the matrix
/// has one problem, and the agreement was signed by everyone, then improved and is awaiting signatures again.
/// "Generations Connect" gets a little of each so every page has something to show. Runs once per partnership.
/// All text is invented.
/// </summary>
public sealed class ReadinessDeliveryDemo : IDemoSeeder
{
    /// <summary>After commitments and the ledger.</summary>
    public int Order => 30;

    public Task SeedAsync(DemoContext demo, CancellationToken ct) => SeedAsync(demo.Db, demo.Clock, demo.Partnerships.Values, ct);

    public static async Task SeedAsync(ConcordDb db, TimeProvider clock, IEnumerable<Partnership> partnerships, CancellationToken ct)
    {
        foreach (var partnership in partnerships)
        {
            if (await db.Set<Workstream>().AnyAsync(w => w.PartnershipId == partnership.Id, ct))
            {
                continue;
            }

            var partners = await db.Set<Partner>().Include(p => p.Organisation).Where(p => p.PartnershipId == partnership.Id).ToListAsync(ct);
            await LeadContactsAsync(db, partnership, partners, ct);
            if (partnership.Name == "Brightwater Together Against Loneliness")
            {
                await LonelinessAsync(db, clock, partnership, partners, ct);
            }
            else
            {
                await SmallAsync(db, clock, partnership, partners, ct);
            }
        }
    }

    private static Partner P(List<Partner> partners, string start) => partners.First(p => p.Organisation!.Name.StartsWith(start, StringComparison.Ordinal));

    /// <summary>Each partner's lead contact is its partner lead (or coordinator) in the partnership.</summary>
    private static async Task LeadContactsAsync(ConcordDb db, Partnership partnership, List<Partner> partners, CancellationToken ct)
    {
        var leads = await db.Set<PartnershipMembership>()
            .Where(m => m.PartnershipId == partnership.Id && (m.Role == PartnershipRole.PartnerLead || m.Role == PartnershipRole.Coordinator) && m.OrganisationId != null)
            .ToListAsync(ct);
        foreach (var partner in partners.Where(p => p.LeadContactId is null))
        {
            partner.LeadContactId = leads.Where(m => m.OrganisationId == partner.OrganisationId)
                .OrderBy(m => m.Role == PartnershipRole.PartnerLead ? 0 : 1).Select(m => (Guid?)m.AccountId).FirstOrDefault();
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task LonelinessAsync(ConcordDb db, TimeProvider clock, Partnership partnership, List<Partner> partners, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (silverlinks, kettle, advice, riverside, council) =
            (P(partners, "Silverlinks"), P(partners, "Kettle"), P(partners, "Brightwater Advice"), P(partners, "Riverside"), P(partners, "Brightwater Borough"));

        db.Add(new ReadinessReflection
        {
            PartnershipId = partnership.Id,
            PartnerId = silverlinks.Id,
            WhyPartner = "Lonely older people fall between services. Joining befriending, advice and housing support means nobody is passed from door to door, and we reach people we never see on our own.",
            AddedValue = "Twenty years running lunch clubs and a telephone friendship line, a trained volunteer team, and the contract management to hold the grant.",
            PeopleServed = "Older people living alone get a regular friendly contact, and help with money or housing worries reaches them before it becomes a crisis.",
            FunderDriven = FunderDriven.Partly,
            FunderDrivenExplanation = "The foundation encouraged a joint bid, but we had been talking with Kettle and Chat for a year before that.",
            MissionAtStake = "Our promise that older people lead what we do. We would not accept targets that turn friendships into referrals.",
            SmallPartner = "We are mid-sized; Kettle and Chat know every street in St Anne's and are trusted in a way no charity office is.",
            UpdatedAt = now,
            Version = 1,
        });
        db.Add(new ReadinessReflection
        {
            PartnershipId = partnership.Id,
            PartnerId = kettle.Id,
            WhyPartner = "Lonely older people in St Anne's need a friendly face every week, and we cannot keep visiting everyone on volunteer goodwill alone.",
            AddedValue = "Volunteers.",
            PeopleServed = "Someone knocks on their door each week who knows their name, their cat and what they had for tea.",
            FunderDriven = FunderDriven.No,
            FunderDrivenExplanation = "We asked to join because our waiting list keeps growing.",
            MissionAtStake = "Staying informal. If visits need forms and case numbers, our volunteers will leave.",
            SmallPartner = "People open the door to us because our volunteers are their neighbours. We hear about bereavements before any agency does.",
            UpdatedAt = now,
            Version = 1,
        });
        db.Add(new ReadinessReflection
        {
            PartnershipId = partnership.Id,
            PartnerId = riverside.Id,
            WhyPartner = "Cut tenancy failures and rent arrears among tenants over 65, so fewer flats fall empty.",
            AddedValue = "Tenancy officers who visit every older tenant yearly, and data showing which tenants are at risk.",
            PeopleServed = "Older tenants keep their homes and get repairs and adaptations sooner.",
            FunderDriven = FunderDriven.Yes,
            FunderDrivenExplanation = "Our housing improvement grant requires us to work with the voluntary sector on tenancy sustainment.",
            MissionAtStake = "Nothing we would give up, as long as the work counts towards our tenancy targets.",
            SmallPartner = "We are a large organisation; the small partners reach tenants who will not speak to a landlord.",
            UpdatedAt = now,
            Version = 1,
        });

        PartnerAim Aim(Partner partner, AimKind kind, string text, string? funder = null)
        {
            var aim = new PartnerAim { PartnershipId = partnership.Id, PartnerId = partner.Id, Kind = kind, Description = text, Funder = funder, CreatedAt = now };
            db.Add(aim);
            return aim;
        }

        var lonely = Aim(silverlinks, AimKind.OutcomeRequirement, "Fewer older people say they feel lonely often or always, measured at six and twelve months");
        var volunteers = Aim(kettle, AimKind.Aim, "Volunteer befrienders stay supported, with no more than four visits a week each");
        var benefits = Aim(advice, AimKind.FunderRequirement, "Raise benefit take-up among people over 65 by £150,000 a year", "Brightwater Community Foundation");
        Aim(riverside, AimKind.FunderRequirement, "Halve tenancy failures among tenants over 65 within two years", "Housing Improvement Fund");

        var befriending = new Objective
        {
            PartnershipId = partnership.Id,
            Title = "Weekly friendly contact for 150 older people",
            Description = "Every person referred has a named befriender or a weekly call within three weeks.",
            CreatedAt = now,
            Version = 1,
        };
        var referrals = new Objective
        {
            PartnershipId = partnership.Id,
            Title = "One referral route between advice, housing and befriending",
            Description = "A shared referral form and a monthly case meeting, so a person tells their story once.",
            CreatedAt = now,
            Version = 1,
        };
        db.AddRange(befriending, referrals);
        db.AddRange(
            new ObjectiveAim { ObjectiveId = befriending.Id, AimId = lonely.Id },
            new ObjectiveAim { ObjectiveId = befriending.Id, AimId = volunteers.Id },
            new ObjectiveAim { ObjectiveId = referrals.Id, AimId = benefits.Id });

        Workstream Ws(string title, string description, int minutes)
        {
            var w = new Workstream { PartnershipId = partnership.Id, Title = title, Description = description, CreatedAt = now.AddMinutes(minutes), Version = 1 };
            db.Add(w);
            return w;
        }

        void Cell(Workstream w, Partner p, RaciRole role) =>
            db.Add(new MatrixCell { WorkstreamId = w.Id, PartnerId = p.Id, PartnershipId = partnership.Id, Role = role });

        var visits = Ws("Befriending visits and calls", "Weekly home visits by volunteers and a telephone friendship line.", 0);
        Cell(visits, kettle, RaciRole.Responsible);
        Cell(visits, silverlinks, RaciRole.Accountable);
        Cell(visits, advice, RaciRole.Informed);
        var pathway = Ws("Referral pathway", "One referral form and a monthly case meeting across advice, housing and befriending.", 1);
        Cell(pathway, advice, RaciRole.Responsible);
        Cell(pathway, silverlinks, RaciRole.Accountable);
        Cell(pathway, riverside, RaciRole.Consulted);
        Cell(pathway, council, RaciRole.Informed);
        // The demo's one problem: nobody has agreed to be accountable for tenant outreach yet.
        var outreach = Ws("Tenant outreach", "Tenancy officers introduce befriending to older tenants during their yearly visit.", 2);
        Cell(outreach, riverside, RaciRole.Responsible);
        Cell(outreach, council, RaciRole.Consulted);
        await db.SaveChangesAsync(ct);

        var snapshot = await AgreementService.SnapshotAsync(db, partnership.Id, ct);
        var first = Version(partnership.Id, 1, Body, snapshot, AgreementChangeKind.First, null, now.AddDays(-30));
        var second = Version(partnership.Id, 2, Body + "\n\n## Reviews\n\nThe partners meet every quarter to review the referral numbers and the volunteers' workload, and agree any changes to this agreement.",
            snapshot, AgreementChangeKind.Enhancement, "Added the quarterly review the steering group asked for.", now.AddDays(-2));
        db.AddRange(first, second);
        var leadIds = partners.Select(p => p.LeadContactId).ToList();
        var names = await db.Users.Where(u => leadIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        AgreementSignature Signature(AgreementVersion version, Partner partner, DateTimeOffset at) => new()
        {
            AgreementVersionId = version.Id,
            PartnerId = partner.Id,
            SignedById = partner.LeadContactId,
            SignedByName = names[partner.LeadContactId!.Value],
            SignedAt = at,
            TextHash = version.TextHash,
        };

        foreach (var partner in partners.Where(p => p.LeadContactId is not null && p.LeftOn is null))
        {
            db.Add(Signature(first, partner, now.AddDays(-28)));
        }

        foreach (var partner in new[] { silverlinks, kettle }.Where(p => p.LeadContactId is not null))
        {
            db.Add(Signature(second, partner, now.AddDays(-1)));
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task SmallAsync(ConcordDb db, TimeProvider clock, Partnership partnership, List<Partner> partners, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lead = partners.OrderBy(p => p.Role).First();
        var aim = new PartnerAim { PartnershipId = partnership.Id, PartnerId = lead.Id, Kind = AimKind.Aim, Description = "Students and older neighbours meet every week during term", CreatedAt = now };
        var objective = new Objective { PartnershipId = partnership.Id, Title = "Weekly shared activity in term time", Description = "Cooking, gardening or games, planned with both groups.", CreatedAt = now, Version = 1 };
        var workstream = new Workstream { PartnershipId = partnership.Id, Title = "Shared activity sessions", Description = "Planning and running the weekly sessions.", CreatedAt = now, Version = 1 };
        db.AddRange(aim, objective, workstream);
        db.Add(new ObjectiveAim { ObjectiveId = objective.Id, AimId = aim.Id });
        db.Add(new MatrixCell { WorkstreamId = workstream.Id, PartnerId = lead.Id, PartnershipId = partnership.Id, Role = RaciRole.Accountable });
        await db.SaveChangesAsync(ct);
        var snapshot = await AgreementService.SnapshotAsync(db, partnership.Id, ct);
        db.Add(Version(partnership.Id, 1, "# Partnership agreement\n\nA first draft, to be discussed at the next meeting.", snapshot, AgreementChangeKind.First, null, now));
        await db.SaveChangesAsync(ct);
    }

    private static AgreementVersion Version(Guid partnershipId, int number, string body, string snapshot, AgreementChangeKind kind, string? reason, DateTimeOffset at)
    {
        var text = AgreementService.Compose(body, snapshot);
        return new AgreementVersion
        {
            PartnershipId = partnershipId,
            Number = number,
            Body = AgreementText.Normalise(body),
            Text = text,
            TextHash = AgreementText.Hash(text),
            Kind = kind,
            Reason = reason,
            CreatedAt = at,
        };
    }

    private const string Body = """
        # Brightwater Together Against Loneliness: partnership agreement

        ## Purpose and remit

        The partners work together to reduce loneliness among people over 65 living alone in Brightwater. The partnership covers the borough of Brightwater and runs for the length of the Brightwater Community Foundation grant.

        ## How we work together

        - Silverlinks Older People's Trust leads the partnership and holds the grant.
        - Decisions are made at the monthly partners' meeting; each partner has one voice.
        - A partner who disagrees with a decision can ask for it to go to the steering group.

        ## What each partner commits to

        - Kettle and Chat Befriending recruits and supports volunteer befrienders.
        - Brightwater Advice Centre offers a benefits check to everyone referred.
        - Riverside Homes refers older tenants and shares tenancy concerns, with consent.
        - The Council's Communities Team shares information about community activities.
        """;
}
