using Concord.Web.Features.Accounts;
using Concord.Web.Features.Organisations;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Lessons;

/// <summary>
/// Demo lessons (one call from DemoNetwork): about thirty lessons across categories, kinds, stages and
/// visibilities, one open event collection link with lessons waiting for review, and one closed link.
/// Runs once: it does nothing when the demo's lessons are already there.
/// </summary>
public sealed class LessonsDemo : IDemoSeeder
{
    /// <summary>Last: lessons refer to the partnerships and people.</summary>
    public int Order => 40;

    public Task SeedAsync(DemoContext demo, CancellationToken ct) => SeedAsync(demo.Db, demo.Clock, ct);

    public const string OpenLinkToken = "demo-spring-networking-lunch";
    public const string ClosedLinkToken = "demo-winter-forum";
    private const string Loneliness = "Brightwater Together Against Loneliness";
    private const string Generations = "Generations Connect";

    private sealed record Spec(string Title, string What, LessonKind Kind, string? Category, PartnershipStage? Stage, string? Partnership,
        LessonVisibility Visibility, ModerationState State, string Author, string? Recommendation = null, string? Tags = null, string? Type = null);

    private static readonly Spec[] Lessons =
    [
        new("Agree a referral form before the first referral", "We each used our own forms for the first two months. Referrals went missing between the advice centre and the lunch club until we agreed one short shared form.",
            LessonKind.DidNotWork, "communication", PartnershipStage.SettingUp, Loneliness, LessonVisibility.Network, ModerationState.Published, "cara.whitfield", "Agree one referral form, and who checks it, before you take the first referral.", "referrals, forms", "Older people"),
        new("A named contact in every partner organisation", "Having one named person per partner meant questions were answered within a day rather than bouncing around inboxes.",
            LessonKind.WorkedWell, "communication", PartnershipStage.During, Loneliness, LessonVisibility.Network, ModerationState.Published, "sam.reid", "Name a contact and a deputy for each partner.", "contacts", "Older people"),
        new("Rotate where steering group meetings are held", "Meeting at each partner's building in turn helped everyone understand how the others work, and volunteers felt included.",
            LessonKind.WorkedWell, "decision-making", PartnershipStage.During, Loneliness, LessonVisibility.Public, ModerationState.Published, "cara.whitfield", "Rotate the venue, and leave ten minutes for a tour.", "steering group, meetings", "Older people"),
        new("Do not leave the budget split until the grant arrives", "We left the split of the budget until the money arrived, and spent the first month arguing about it instead of starting the work.",
            LessonKind.WouldNotTryAgain, "funding-and-resources", PartnershipStage.Deciding, Loneliness, LessonVisibility.Network, ModerationState.Published, "pete.lomas", "Write the budget split into the bid.", "budget, funding", "Older people"),
        new("Volunteer drivers need clear expenses rules", "Drivers stopped volunteering when mileage claims took six weeks. A simple monthly claim sheet fixed it.",
            LessonKind.DidNotWork, "systems-and-processes", PartnershipStage.During, Loneliness, LessonVisibility.Network, ModerationState.Published, "val.mensah", "Pay volunteer expenses monthly, with one form across partners.", "volunteers, transport, expenses", "Older people"),
        new("Joint training days build trust", "A shared safeguarding training day for staff from all five partners did more for working relationships than any meeting.",
            LessonKind.WorkedWell, "training", PartnershipStage.SettingUp, Loneliness, LessonVisibility.Public, ModerationState.Published, "ian.castle", "Hold one joint training day early on.", "safeguarding, training", "Older people"),
        new("Check data sharing before sharing data", "We nearly shared a list of clients by e-mail before anyone had signed a data sharing agreement.",
            LessonKind.Tip, "systems-and-processes", PartnershipStage.SettingUp, Loneliness, LessonVisibility.Network, ModerationState.Published, "sam.reid", "Sign a data sharing agreement before any personal data moves.", "gdpr, data sharing", "Older people"),
        new("Short monthly updates beat long quarterly reports", "Partners read a half-page monthly update; nobody read the twelve-page quarterly report.",
            LessonKind.WorkedWell, "communication", PartnershipStage.During, Loneliness, LessonVisibility.Network, ModerationState.Published, "olive.brandt", null, "reporting, newsletters", "Older people"),
        new("Plan the ending from the start", "When funding ended we had no plan for people still being befriended. Several were left without a visitor for weeks.",
            LessonKind.DidNotWork, "timing", PartnershipStage.Ending, Loneliness, LessonVisibility.Public, ModerationState.Published, "cara.whitfield", "Agree in year one what happens to clients when the money stops.", "exit plan, closure", "Older people"),
        new("Council staff changes slowed decisions", "Our council contact changed three times in a year, and each time decisions paused.",
            LessonKind.DidNotWork, "organisational-change", PartnershipStage.During, Loneliness, LessonVisibility.Partnership, ModerationState.Published, "rob.delaney", "Keep a one-page handover note for new contacts.", "handover, council", "Older people"),
        new("Draft: celebrating small wins", "We are still writing this one up.", LessonKind.Tip, null, PartnershipStage.During, Loneliness, LessonVisibility.Network, ModerationState.Draft, "cara.whitfield"),
        new("Students lead the first session", "When students planned the first session themselves, far more of them came back the next week.",
            LessonKind.WorkedWell, "working-with-schools-and-colleges", PartnershipStage.SettingUp, Generations, LessonVisibility.Network, ModerationState.Published, "grace.adeyemi", "Let young people plan at least part of each session.", "schools, young people", "Schools and young people"),
        new("Term dates shape everything", "We planned activities over the Easter holiday without checking term dates. No students came.",
            LessonKind.DidNotWork, "timing", PartnershipStage.Deciding, Generations, LessonVisibility.Network, ModerationState.Published, "grace.adeyemi", "Put the school calendar into the plan on day one.", "schools, term dates", "Schools and young people"),
        new("DBS checks take longer than you think", "Checks for volunteers working with students took seven weeks, which delayed the start.",
            LessonKind.Tip, "working-with-schools-and-colleges", PartnershipStage.SettingUp, Generations, LessonVisibility.Partnership, ModerationState.Published, "grace.adeyemi", "Start DBS checks as soon as volunteers are named.", "dbs, safeguarding", "Schools and young people"),
        new("Keep the same pairs each week", "Older people and students built real friendships when the same pairs met each week.",
            LessonKind.WorkedWell, "working-with-schools-and-colleges", PartnershipStage.During, Generations, LessonVisibility.Public, ModerationState.Pending, "grace.adeyemi", "Keep pairs together for at least a term.", "intergenerational", "Schools and young people"),
        new("A shared calendar for every partner", "One online calendar that every partner could see ended double-booked rooms.",
            LessonKind.Tip, "timing", PartnershipStage.SettingUp, Generations, LessonVisibility.Network, ModerationState.Published, "pete.lomas", null, "calendar, rooms", "Schools and young people"),
        new("Evaluation built in, not bolted on", "We added a short feedback card to every session from the start, so the final report almost wrote itself.",
            LessonKind.WorkedWell, "systems-and-processes", PartnershipStage.During, null, LessonVisibility.Network, ModerationState.Published, "rob.delaney", "Collect two or three questions at every session.", "evaluation, feedback", "Health and care"),
        new("Too many partners at the table", "With nine partners, meetings ran over and nobody felt heard. We split into a small core group and a wider forum.",
            LessonKind.WouldNotTryAgain, "decision-making", PartnershipStage.Deciding, null, LessonVisibility.Network, ModerationState.Published, "ian.castle", "Keep the core group to five or fewer.", "governance", "Advice and money"),
        new("Write down who does what", "A simple table of who is responsible for what stopped the same job being done twice, or not at all.",
            LessonKind.Tip, "basic-principles", PartnershipStage.SettingUp, null, LessonVisibility.Network, ModerationState.Published, "olive.brandt", "Agree a responsibility table in the first month.", "roles, responsibilities", "Housing and homelessness"),
        new("A neutral chair helps when partners disagree", "An independent chair for the steering group helped when two partners disagreed about targets.",
            LessonKind.WorkedWell, "partnership-relationships", PartnershipStage.During, null, LessonVisibility.Network, ModerationState.Published, "ian.castle", null, "chair, disagreement", "Advice and money"),
        new("Funders like hearing about what went wrong", "Our funder was more supportive once we shared honestly what was not working.",
            LessonKind.Tip, "funding-and-resources", PartnershipStage.During, null, LessonVisibility.Public, ModerationState.Published, "rob.delaney", "Tell the funder early when something is off track.", "funder, reporting", "Health and care"),
        new("Shared branding took months", "Agreeing a shared logo took four months of meetings. It did not matter to the people we served.",
            LessonKind.WouldNotTryAgain, "communication", PartnershipStage.SettingUp, null, LessonVisibility.Network, ModerationState.Published, "pete.lomas", "Use each partner's own branding with one shared line.", "branding", "Arts and culture"),
        new("Lunch together before the meeting", "Starting steering meetings with a shared lunch made them friendlier and shorter.",
            LessonKind.Tip, null, PartnershipStage.During, null, LessonVisibility.Network, ModerationState.Published, "val.mensah", null, "meetings", "Older people"),
        new("Map what each partner already does", "Before planning anything new we listed every service each partner ran. We found three near-duplicates.",
            LessonKind.WorkedWell, "timing", PartnershipStage.Deciding, null, LessonVisibility.Network, ModerationState.Published, "olive.brandt", "Map existing services before designing new ones.", "mapping, services", "Housing and homelessness"),
        new("Celebrate the end properly", "A closing event with everyone who took part gave people a chance to say goodbye and to share what they learned.",
            LessonKind.WorkedWell, "timing", PartnershipStage.Ending, null, LessonVisibility.Network, ModerationState.Published, "cara.whitfield", "Budget for a closing event.", "closure, celebration", "Older people"),
        new("Small grants to partners kept them engaged", "Passing small amounts of funding to smaller partners meant they could release staff time.",
            LessonKind.WorkedWell, "funding-and-resources", PartnershipStage.During, null, LessonVisibility.Network, ModerationState.Published, "ian.castle", null, "grants, small charities", "Advice and money"),
    ];

    private static readonly (string Title, string What, LessonKind Kind, PartnershipStage? Stage, string? By)[] Submissions =
    [
        ("Ask people what they want before planning", "We planned a programme of talks and nobody came. When we asked, people wanted a walking group.", LessonKind.DidNotWork, PartnershipStage.Deciding, "Jo, a community centre"),
        ("Use WhatsApp for quick questions", "A group chat for the partner leads meant small questions got answered the same day.", LessonKind.Tip, PartnershipStage.During, null),
        ("Hand over contacts before staff leave", "When our project worker left, her contacts at the surgery went with her.", LessonKind.DidNotWork, PartnershipStage.Ending, "A housing association"),
        ("Pilot with one school first", "Starting with one school let us iron out problems before we went to four.", LessonKind.WorkedWell, PartnershipStage.SettingUp, null),
    ];

    public static async Task SeedAsync(ConcordDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Set<LessonCollectionLink>().AnyAsync(l => l.Token == OpenLinkToken, ct))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var categories = await db.Set<LessonCategoryEntry>().ToDictionaryAsync(c => c.Slug, c => c.Id, ct);
        var partnerships = await db.Set<Partnership>().Where(p => p.Name == Loneliness || p.Name == Generations).ToDictionaryAsync(p => p.Name, ct);
        var accounts = (await db.Set<Account>().Where(a => a.Email!.EndsWith("@brightwater.example")).Select(a => new { a.Id, a.Email, a.DisplayName }).ToListAsync(ct))
            .ToDictionary(a => a.Email!.Split('@')[0], a => a.Id);
        var names = new AnonymisationNames(
            await db.Set<Partnership>().Select(p => p.Name).ToListAsync(ct),
            await db.Set<Organisation>().Select(o => o.Name).ToListAsync(ct),
            await db.Set<Account>().Select(a => a.DisplayName).ToListAsync(ct));

        for (var i = 0; i < Lessons.Length; i++)
        {
            var s = Lessons[i];
            var created = now.AddDays(-3 * (Lessons.Length - i));
            var lesson = new Lesson
            {
                Title = s.Title,
                WhatHappened = s.What,
                Kind = s.Kind,
                Recommendation = s.Recommendation,
                CategoryId = s.Category is { } slug && categories.TryGetValue(slug, out var cid) ? cid : null,
                Stage = s.Stage,
                PartnershipId = s.Partnership is { } p && partnerships.TryGetValue(p, out var partnership) ? partnership.Id : null,
                PartnershipType = s.Type,
                Visibility = s.Visibility,
                Moderation = s.State,
                AuthorId = accounts.TryGetValue(s.Author, out var author) ? author : null,
                OccurredOn = DateOnly.FromDateTime(created.UtcDateTime.AddDays(-10)),
                CreatedAt = created,
                UpdatedAt = created,
            };
            lesson.Tags.AddRange(LessonCommands.ParseTags(s.Tags).Select(t => new LessonTag { LessonId = lesson.Id, Tag = t }));
            LessonCommands.SetLibraryText(lesson, s.Visibility == LessonVisibility.Public ? names : AnonymisationNames.None);
            db.Add(lesson);
        }

        var learningTeam = accounts.GetValueOrDefault("leon.hughes");
        var open = new LessonCollectionLink
        {
            Name = "Spring networking lunch",
            Token = OpenLinkToken,
            ClosesAt = now.AddDays(14),
            CreatedById = learningTeam == Guid.Empty ? null : learningTeam,
            CreatedAt = now.AddDays(-1),
        };
        db.Add(open);
        db.Add(new LessonCollectionLink
        {
            Name = "Winter voluntary sector forum",
            Token = ClosedLinkToken,
            ClosesAt = now.AddDays(-30),
            CreatedById = open.CreatedById,
            CreatedAt = now.AddDays(-45),
        });
        foreach (var (title, what, kind, stage, by) in Submissions)
        {
            var lesson = new Lesson
            {
                Title = title,
                WhatHappened = what,
                Kind = kind,
                Stage = stage,
                SubmittedBy = by,
                CollectionLinkId = open.Id,
                Visibility = LessonVisibility.Network,
                Moderation = ModerationState.Pending,
                CreatedAt = now.AddHours(-3),
                UpdatedAt = now.AddHours(-3),
            };
            LessonCommands.SetLibraryText(lesson, AnonymisationNames.None);
            db.Add(lesson);
        }

        await db.SaveChangesAsync(ct);
    }
}
