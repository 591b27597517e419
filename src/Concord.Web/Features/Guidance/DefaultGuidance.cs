using Concord.Web.Features.Partnerships;

namespace Concord.Web.Features.Guidance;

/// <summary>
/// The guidance and checklists every new network starts with, written for Concord. They are model seed
/// data (EF Core HasData), so the migration that creates the tables also inserts them: a new network has
/// the guidance at once, and migrating again never duplicates it. The learning team edits them from there.
/// </summary>
public static class DefaultGuidance
{
    private static readonly DateTimeOffset Written = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    public const string DecidingSlug = "deciding-whether-to-partner";
    public const string SettingUpSlug = "setting-up-a-partnership";
    public const string DuringSlug = "keeping-a-partnership-healthy";
    public const string EndingSlug = "ending-well";
    public const string SchoolsSlug = "working-with-schools-and-colleges";

    public static GuidanceArticle[] Articles { get; } =
    [
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000001"),
            Slug = DecidingSlug,
            Title = "Deciding whether to work in partnership",
            Summary = "Questions to answer honestly before you commit: why partner, with whom, and at what cost.",
            Stage = PartnershipStage.Deciding,
            SortOrder = 10,
            RelatedCategories = "choosing-partners,basic-principles,timing",
            RelatedTags = "",
            UpdatedAt = Written,
            Body = """
                Partnership is a means, not an aim. Before you sign anything, be clear about what working together
                will let you do that none of you could do alone — and what it will cost each organisation in time,
                money and attention.

                # Start with the people you serve

                Write down, in one or two sentences, what will be different for the people you support if the
                partnership works. If you cannot agree on that sentence, you are not ready to agree on anything else.

                # Questions to ask each possible partner

                - **Why do you want this?** Funding is a fair reason, but it should not be the only one.
                - **Who will do the work?** Name the people, and check they have the time. A partnership staffed
                  by goodwill alone runs out quickly.
                - **What do you bring, and what do you need?** Small groups often bring trust and local knowledge;
                  larger ones bring systems and capacity. Say both out loud.
                - **How do you make decisions?** A trustee board that meets quarterly and a council team with
                  delegated budgets will move at different speeds.
                - **What would make you walk away?** It is easier to talk about this now than later.

                # Count the cost

                Meetings, shared reporting, data agreements and joint training all take time. A common mistake is
                to budget for delivery and nothing for the partnership itself. Set aside some of every partner's
                time for coordination, and fund it if you can.

                # It is fine to say no

                Deciding not to partner — or to work together informally first — is a good outcome when the fit is
                not right. A short trial project is often a better test than a long bid.
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000002"),
            Slug = SettingUpSlug,
            Title = "Setting up: the agreements that save trouble later",
            Summary = "Agree how you will talk, decide, share information and handle problems before delivery starts.",
            Stage = PartnershipStage.SettingUp,
            SortOrder = 20,
            RelatedCategories = "communication,systems-and-processes,partnership-relationships",
            RelatedTags = "",
            UpdatedAt = Written,
            Body = """
                The first few months set habits that are hard to change. Most of the problems partnerships describe
                afterwards — missed referrals, crossed wires, awkward disputes — trace back to something that was
                never agreed at the start.

                # Agree how you will communicate

                Choose the channels you will use for what: e-mail for decisions, a shared calendar for sessions,
                a phone call for anything urgent. Agree how quickly people should reply, and who to contact when
                the usual person is away.

                # Agree your words

                Partners often use the same word for different things. "Referral", "case", "client", "member",
                "volunteer" and "session" can each mean something different in each organisation. Write a short
                glossary and keep it with your partnership agreement.

                # Compare your policies

                Put your safeguarding, data protection, lone working, complaints and expenses policies side by side.
                Where they differ, decide which applies to shared work, or write a joint one. Do not assume the
                lead partner's policy covers everyone.

                # Share consent and referral paperwork

                Agree one consent form for shared work, so people are asked once and know exactly who will see
                their information. Agree what a referral must contain and how you will tell the referrer what happened.

                # Plan for closures and absences

                Holidays, school terms, staff leave and office closures will affect delivery. Put them in a shared
                calendar now and agree cover, so nobody is left waiting on a closed door.

                # Write it down

                A short partnership agreement — purpose, roles, decision-making, money, data, how disagreements are
                resolved and how a partner can leave — is worth more than a long one nobody reads. Use the
                "Setting up" checklist to work through it together.
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000003"),
            Slug = DuringSlug,
            Title = "During the partnership: keeping it healthy",
            Summary = "Regular check-ins, early warning signs, and how to raise a problem before it becomes a dispute.",
            Stage = PartnershipStage.During,
            SortOrder = 30,
            RelatedCategories = "partnership-relationships,decision-making,communication,organisational-change",
            RelatedTags = "",
            UpdatedAt = Written,
            Body = """
                Once delivery starts, attention naturally moves to the work itself. The partnership still needs
                looking after, in the same way a team does.

                # Check in on the partnership, not only the work

                At least every few months, spend part of a meeting on how the partnership is going: is the workload
                fair, are decisions being made in the right place, does everyone feel heard? A short anonymous
                survey can surface things people will not say in the room.

                # Watch for early signs of strain

                - The same partner is always missing from meetings.
                - Referrals between partners slow down or stop.
                - Decisions are re-opened after they were made.
                - People start copying managers into routine e-mails.

                None of these is a crisis on its own. Together they suggest it is time for an honest conversation.

                # Raise problems early and kindly

                Talk to the person concerned before raising an issue in a group meeting. Describe what happened and
                its effect, rather than guessing at motives. If that does not resolve it, use the route your
                agreement sets out — and if your agreement has no such route, add one.

                # Expect change

                Staff leave, funding shifts and organisations restructure. When a key person moves on, make sure
                their replacement is introduced to the partnership properly, not just handed a folder.

                # Record what you learn as you go

                Add lessons to the library while they are fresh. A two-line note written today is more useful than a
                full report attempted from memory at the end.
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000004"),
            Slug = EndingSlug,
            Title = "Ending well",
            Summary = "Plan the end from the middle: hand over, tell people, keep what you learned.",
            Stage = PartnershipStage.Ending,
            SortOrder = 40,
            RelatedCategories = "timing,funding-and-resources,basic-principles",
            RelatedTags = "",
            UpdatedAt = Written,
            Body = """
                Every funded partnership ends or changes shape. Ending well protects the people you support, the
                relationships between organisations, and the learning you have built up.

                # Start planning at least six months before the end

                Decide early whether you will seek more funding, hand the work to one partner, or close it. Each
                needs different steps, and all of them take longer than expected.

                # Look after the people you support

                Tell people what is changing, when, and where they can go next. Make warm introductions rather than
                handing out a list of numbers. Do not take on new people you cannot see through.

                # Look after staff and volunteers

                Be open about what the end means for jobs and roles. Thank volunteers properly and help them find
                other opportunities if they want them.

                # Settle the paperwork

                Agree who keeps which records, for how long, and what is deleted. Return or transfer shared
                equipment. Close shared accounts and revoke access to shared systems.

                # Keep the learning

                Hold a final review with every partner. Record what worked, what did not and what you would not try
                again, and write up your partnership's story so others can build on it.
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000005"),
            Slug = SchoolsSlug,
            Title = "Spotlight: working with schools and colleges",
            Summary = "Term dates, safeguarding, timetables and who to talk to — what voluntary groups wish they had known.",
            Stage = null,
            SortOrder = 100,
            RelatedCategories = "working-with-schools-and-colleges",
            RelatedTags = "schools,young people,safeguarding",
            UpdatedAt = Written,
            Body = """
                Schools and colleges can be excellent partners, but they run to a rhythm most voluntary groups are
                not used to. A little planning avoids most of the frustration.

                # Work with the school year

                Put term dates, inset days and exam periods in your shared calendar before you plan anything. Summer
                term is crowded with exams; the first weeks of September are taken up with settling new pupils.
                Plan the main activity for the middle of the autumn and spring terms.

                # Find the right person

                A head teacher's enthusiasm is not the same as time in a teacher's week. Ask who will actually
                organise sessions, and agree how you will reach them — many teachers only check e-mail at the end
                of the day.

                # Safeguarding comes first

                Agree who is responsible for pupils at each session, check who needs a DBS certificate, and follow
                the school's own safeguarding procedures. Name a facilitator for every session with young children
                and have a back-up plan if they cannot come.

                # Fit the curriculum where you can

                Activities that link to a subject or key stage are easier for a school to justify. Ask which topics
                are coming up and offer to fit around them.

                # Keep materials ready

                Sessions get moved at short notice. Keep a set of back-up activities and materials so a late room
                change or a missing volunteer does not mean cancelling.
                """,
        },
    ];

    public static ChecklistTemplate[] Checklists { get; } =
    [
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000101"),
            Title = "Setting up the partnership",
            Description = "The agreements from the setting-up guidance, to work through together before delivery starts.",
            Stage = PartnershipStage.SettingUp,
            GuidanceSlug = SettingUpSlug,
            UpdatedAt = Written,
            Items = """
                Communication methods agreed (channels, reply times, who to contact when someone is away)
                Terminology agreed and written in a short glossary
                Safeguarding, data protection and complaints policies compared
                Consent forms for shared work agreed and shared with every partner
                Referral route and what a referral must contain agreed
                Closures, holidays and term dates planned in the shared calendar
                Partnership agreement written and signed by every partner
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000102"),
            Title = "Deciding whether to partner",
            Description = "Questions to answer with each possible partner before committing.",
            Stage = PartnershipStage.Deciding,
            GuidanceSlug = DecidingSlug,
            UpdatedAt = Written,
            Items = """
                Shared purpose written in one or two sentences
                People who will do the work named, with time set aside
                What each partner brings and needs written down
                Decision-making speeds and routes of each partner understood
                Time and money for coordination included in the budget
                """,
        },
        new()
        {
            Id = Guid.Parse("0193f0a0-0000-7000-8000-000000000103"),
            Title = "Ending the partnership",
            Description = "Steps to close or hand over the work well.",
            Stage = PartnershipStage.Ending,
            GuidanceSlug = EndingSlug,
            UpdatedAt = Written,
            Items = """
                Decision made on continuing, handing over or closing
                People supported told what is changing and introduced to other help
                Staff and volunteers told and thanked
                Records, equipment and shared accounts settled
                Final review held and lessons recorded
                Partnership story written
                """,
        },
    ];
}
