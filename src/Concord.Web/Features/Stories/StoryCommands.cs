using Concord.Web.Features.Audit;
using Concord.Web.Features.Guidance;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories;

public sealed record StoryFields(string? Title, string? Background, string? WhatWasDone, string? WhatWasLearned);

/// <summary>
/// Who sees a story: a partnership's members see all its stories (drafts too); everyone signed in sees
/// published ones. Writes are one SaveChanges each with their audit line.
/// </summary>
public sealed class StoryCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const int MaxSection = 10000;

    /// <summary>Published stories, for the whole network.</summary>
    public IQueryable<PartnershipStory> Published() => db.Set<PartnershipStory>().Where(s => s.State == StoryState.Published);

    /// <summary>A story of a partnership the caller belongs to (checked by the caller through PartnershipAccess).</summary>
    public Task<PartnershipStory?> FindInPartnershipAsync(Guid partnershipId, Guid storyId, CancellationToken ct) =>
        db.Set<PartnershipStory>().FirstOrDefaultAsync(s => s.Id == storyId && s.PartnershipId == partnershipId, ct);

    public async Task<(PartnershipStory? Story, WriteOutcome Outcome)> SaveAsync(Guid partnershipId, PartnershipStory? existing, StoryFields input, int? expectedVersion, CancellationToken ct)
    {
        var outcome = new WriteOutcome();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            outcome.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            outcome.Add("Title", "Keep the title to 200 characters or fewer");
        }

        foreach (var (field, value, name) in new[] { ("Background", input.Background, "background"), ("WhatWasDone", input.WhatWasDone, "what was done"), ("WhatWasLearned", input.WhatWasLearned, "what was learned") })
        {
            if ((value?.Length ?? 0) > MaxSection)
            {
                outcome.Add(field, $"Keep {name} to 10,000 characters or fewer");
            }
        }

        if (string.IsNullOrWhiteSpace(input.Background) && string.IsNullOrWhiteSpace(input.WhatWasDone) && string.IsNullOrWhiteSpace(input.WhatWasLearned))
        {
            outcome.Add("Background", "Write at least one section: background, what was done or what was learned");
        }

        if (!outcome.Succeeded)
        {
            return (null, outcome);
        }

        var now = clock.GetUtcNow();
        var story = existing ?? new PartnershipStory { PartnershipId = partnershipId, Title = title!, State = StoryState.Draft, CreatedAt = now, CreatedById = user.IdOrNull };
        if (existing is not null && expectedVersion is { } version)
        {
            db.ExpectVersion(existing, version);
        }

        story.Title = title!;
        story.Background = input.Background?.Trim() ?? "";
        story.WhatWasDone = input.WhatWasDone?.Trim() ?? "";
        story.WhatWasLearned = input.WhatWasLearned?.Trim() ?? "";
        story.UpdatedAt = now;
        if (existing is null)
        {
            db.Add(story);
        }

        auditor.Record(existing is null ? "story.created" : "story.changed", nameof(PartnershipStory), story.Id, partnershipId: partnershipId, details: story.Title);
        await db.SaveChangesAsync(ct);
        return (story, outcome);
    }

    /// <summary>Publishes a draft to the network, or takes a published story back to draft.</summary>
    public async Task SetStateAsync(PartnershipStory story, StoryState state, CancellationToken ct)
    {
        story.State = state;
        story.PublishedAt = state == StoryState.Published ? clock.GetUtcNow() : null;
        if (state == StoryState.Draft)
        {
            story.SelectedForReports = false;
        }

        story.UpdatedAt = clock.GetUtcNow();
        auditor.Record(state == StoryState.Published ? "story.published" : "story.unpublished", nameof(PartnershipStory), story.Id, partnershipId: story.PartnershipId, details: story.Title);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The learning team chooses published stories for the practitioners' report.</summary>
    public async Task SelectAsync(PartnershipStory story, bool selected, CancellationToken ct)
    {
        story.SelectedForReports = selected;
        auditor.Record(selected ? "story.selected-for-reports" : "story.unselected-for-reports", nameof(PartnershipStory), story.Id, partnershipId: story.PartnershipId, details: story.Title);
        await db.SaveChangesAsync(ct);
    }
}
