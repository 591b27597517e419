using Concord.Web.Features.Accounts;
using Concord.Web.Features.Partnerships;
using Concord.Web.Features.Stories;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Hooks;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Guidance;

/// <summary>
/// Demo checklists and stories: Brightwater Together Against Loneliness has adopted the setting-up
/// checklist and ticked some of it, and has one published and one draft story; Generations Connect has
/// adopted the deciding checklist and has a draft story. Running it again changes nothing. The caller saves.
/// </summary>
public sealed class GuidanceDemo : IDemoSeeder
{
    /// <summary>Checklists and stories first: the caller saves after each seeder.</summary>
    public int Order => 10;

    public Task SeedAsync(DemoContext demo, CancellationToken ct) => SeedAsync(demo.Db, demo.Partnerships["Brightwater Together Against Loneliness"], demo.Partnerships["Generations Connect"], demo.Clock.GetUtcNow(), ct);

    public const string PublishedStoryTitle = "Joining up befriending and advice for people living alone";
    public const string DraftStoryTitle = "What a shared referral form changed for us";
    public const string GenerationsDraftTitle = "Planning sessions around the school year";

    public static async Task SeedAsync(ConcordDb db, Partnership loneliness, Partnership generations, DateTimeOffset now, CancellationToken ct)
    {
        var cara = await db.Set<Account>().Where(a => a.Email == "cara.whitfield@brightwater.example").Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var pete = await db.Set<Account>().Where(a => a.Email == "pete.lomas@brightwater.example").Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var grace = await db.Set<Account>().Where(a => a.Email == "grace.adeyemi@brightwater.example").Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);

        await AdoptAsync(db, loneliness.Id, DefaultGuidance.Checklists[0], cara, now.AddDays(-200), ct,
            (cara, "Phone for anything urgent; e-mail for decisions; replies within two working days."),
            (pete, null),
            (cara, "Kettle and Chat's safeguarding policy updated to match the lead partner's."));
        await AdoptAsync(db, generations.Id, DefaultGuidance.Checklists[1], grace, now.AddDays(-10), ct, (grace, null));

        await StoryAsync(db, loneliness.Id, PublishedStoryTitle, StoryState.Published, selected: true, cara, now.AddDays(-30), ct,
            "Older people in Brightwater who live alone were being passed between services. A befriending group, an advice centre, a housing association and the council each saw part of the picture, and nobody saw the whole.",
            "We agreed one referral route and one consent form, so a befriender who noticed money worries could pass them to an adviser the same week. The housing association's tenancy officers joined the monthly case meeting.",
            "Agreeing our words took longer than we expected: \"referral\" meant four different things. Once we had a short glossary, referrals between partners doubled. We would put the glossary in place before the first meeting next time.");
        await StoryAsync(db, loneliness.Id, DraftStoryTitle, StoryState.Draft, selected: false, pete, now.AddDays(-3), ct,
            "Before the partnership, each of us had our own referral form, and people had to tell their story several times.",
            "We wrote one form together and tried it for three months.",
            "");
        await StoryAsync(db, generations.Id, GenerationsDraftTitle, StoryState.Draft, selected: false, grace, now.AddDays(-2), ct,
            "Students and lunch club members meet weekly during term time.",
            "We put term dates and exam weeks in the shared calendar before planning any sessions.",
            "");
    }

    private static async Task AdoptAsync(ConcordDb db, Guid partnershipId, ChecklistTemplate template, Guid? by, DateTimeOffset at, CancellationToken ct,
        params (Guid? By, string? Note)[] ticks)
    {
        if (await db.Set<PartnershipChecklist>().AnyAsync(c => c.PartnershipId == partnershipId && c.TemplateId == template.Id, ct))
        {
            return;
        }

        var checklist = new PartnershipChecklist
        {
            PartnershipId = partnershipId,
            TemplateId = template.Id,
            Title = template.Title,
            Stage = template.Stage,
            GuidanceSlug = template.GuidanceSlug,
            AdoptedAt = at,
            AdoptedById = by,
        };
        var order = 0;
        foreach (var text in template.ItemList)
        {
            var item = new ChecklistItem { ChecklistId = checklist.Id, Text = text, SortOrder = ++order };
            if (order <= ticks.Length && ticks[order - 1].By is { } who)
            {
                item.TickedAt = at.AddDays(order * 7);
                item.TickedById = who;
                item.Note = ticks[order - 1].Note;
            }

            checklist.ItemsList.Add(item);
        }

        db.Add(checklist);
    }

    private static async Task StoryAsync(ConcordDb db, Guid partnershipId, string title, StoryState state, bool selected, Guid? by, DateTimeOffset at, CancellationToken ct,
        string background, string done, string learned)
    {
        if (await db.Set<PartnershipStory>().AnyAsync(s => s.PartnershipId == partnershipId && s.Title == title, ct))
        {
            return;
        }

        db.Add(new PartnershipStory
        {
            PartnershipId = partnershipId,
            Title = title,
            Background = background,
            WhatWasDone = done,
            WhatWasLearned = learned,
            State = state,
            PublishedAt = state == StoryState.Published ? at : null,
            SelectedForReports = selected,
            CreatedById = by,
            CreatedAt = at.AddDays(-7),
            UpdatedAt = at,
        });
    }
}
