using Concord.Web.Features.Audit;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories;

public sealed record StoryFields(string? Title, string? Background, string? WhatWasDone, string? WhatWasLearned);

/// <summary>
/// Who sees a story: a partnership's members see all its stories (drafts too); everyone signed in sees published ones.
/// Writes take the request's <see cref="PartnershipScope"/> and check the operation again: members who contribute write and
/// change drafts; publishing, taking back to draft and changing a published story is the <c>Publish</c> operation (coordinators
/// and partner leads), because a published story speaks for the partnership to the whole network. Each write is one
/// SaveChanges with its audit line; a stale version writes nothing and answers Stale with the story as saved now.
/// </summary>
public sealed class StoryCommands(ConcordDb db, CurrentUser user, Auditor auditor, TimeProvider clock)
{
    public const int MaxSection = 10000;

    /// <summary>Published stories, for the whole network.</summary>
    public IQueryable<PartnershipStory> Published() => db.Set<PartnershipStory>().Where(s => s.State == StoryState.Published);

    /// <summary>The partnership's stories, drafts included.</summary>
    public IQueryable<PartnershipStory> InPartnership(PartnershipScope scope) => db.Set<PartnershipStory>().Where(s => s.PartnershipId == scope.Id);

    public Task<PartnershipStory?> FindAsync(PartnershipScope scope, Guid storyId, CancellationToken ct) =>
        InPartnership(scope).AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId, ct);

    public async Task<WriteResult<PartnershipStory>> CreateAsync(PartnershipScope scope, StoryFields input, CancellationToken ct)
    {
        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        if (Check(input) is { Any: true } errors)
        {
            return WriteFailure.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var story = new PartnershipStory { PartnershipId = scope.Id, Title = input.Title!.Trim(), State = StoryState.Draft, CreatedAt = now, CreatedById = scope.AccountId };
        Apply(story, input, now);
        db.Add(story);
        auditor.Record("story.created", nameof(PartnershipStory), story.Id, partnershipId: scope.Id, details: story.Title);
        await db.SaveChangesAsync(ct);
        return story;
    }

    /// <summary>Changes a story. A published one is changed only by those who may publish (it is what the network reads).</summary>
    public async Task<WriteResult<PartnershipStory>> UpdateAsync(PartnershipScope scope, Guid storyId, StoryFields input, int? expectedVersion, CancellationToken ct)
    {
        if (await InPartnership(scope).FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Contribute))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Contribute));
        }

        if (story.State == StoryState.Published && !scope.Can(PartnershipOperation.Publish))
        {
            return WriteFailure.Forbidden("This story is published to the network, so coordinators and partner leads change it. Ask them to take it back to draft first.");
        }

        if (expectedVersion is null)
        {
            return WriteFailure.Invalid("Version", "Send the version of the story you read, so a stale edit is not saved over someone else's");
        }

        if (Check(input) is { Any: true } errors)
        {
            return WriteFailure.Invalid(errors);
        }

        if (story.Version != expectedVersion)
        {
            return WriteFailure.Stale(WriteFailure.StaleMessage("story"), story);
        }

        db.ExpectVersion(story, expectedVersion.Value);
        story.Title = input.Title!.Trim();
        Apply(story, input, clock.GetUtcNow());
        db.Entry(story).State = EntityState.Modified;
        auditor.Record("story.changed", nameof(PartnershipStory), story.Id, partnershipId: scope.Id, details: story.Title);
        return await db.SaveVersionedAsync(story, "story", ct);
    }

    /// <summary>Publishes a draft to the network, or takes a published story back to draft (which leaves it out of reports).</summary>
    public async Task<WriteResult<PartnershipStory>> SetStateAsync(PartnershipScope scope, Guid storyId, StoryState? state, int? expectedVersion, CancellationToken ct)
    {
        if (await InPartnership(scope).FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return WriteFailure.NotFound();
        }

        if (!scope.Can(PartnershipOperation.Publish))
        {
            return WriteFailure.Forbidden(Permissions.Refusal(scope.Role, PartnershipOperation.Publish));
        }

        var errors = new FieldErrors();
        if (state is null || !Enum.IsDefined(state.Value))
        {
            errors.Add("State", "Use Published or Draft");
        }

        if (expectedVersion is null)
        {
            errors.Add("Version", "Send the version of the story you read, so you publish what you read");
        }

        if (errors.Any)
        {
            return WriteFailure.Invalid(errors);
        }

        if (story.Version != expectedVersion)
        {
            return WriteFailure.Stale(StateStale, story);
        }

        db.ExpectVersion(story, expectedVersion!.Value);
        var now = clock.GetUtcNow();
        story.State = state!.Value;
        story.PublishedAt = state == StoryState.Published ? story.PublishedAt ?? now : null;
        if (state == StoryState.Draft)
        {
            story.SelectedForReports = false;
        }

        story.UpdatedAt = now;
        db.Entry(story).State = EntityState.Modified;
        auditor.Record(state == StoryState.Published ? "story.published" : "story.unpublished", nameof(PartnershipStory), story.Id, partnershipId: scope.Id, details: story.Title);
        var saved = await db.SaveVersionedAsync(story, "story", ct);
        return saved.Status == WriteStatus.Stale ? WriteFailure.Stale(StateStale, saved.Current) : saved;
    }

    public const string StateStale =
        "Someone else changed this story while you were reading it. Nothing was changed: read the story as it is now, then publish or take it back again";

    /// <summary>The learning team chooses published stories for the practitioners' report.</summary>
    public async Task<WriteResult<PartnershipStory>> SelectAsync(Guid storyId, bool selected, CancellationToken ct)
    {
        if (await Published().Include(s => s.Partnership).FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return WriteFailure.NotFound();
        }

        if (!user.IsLearningTeam || user.IsReadOnly)
        {
            return WriteFailure.Forbidden("Only the learning team chooses stories for reports");
        }

        story.SelectedForReports = selected;
        auditor.Record(selected ? "story.selected-for-reports" : "story.unselected-for-reports", nameof(PartnershipStory), story.Id, partnershipId: story.PartnershipId, details: story.Title);
        await db.SaveChangesAsync(ct);
        return story;
    }

    private static FieldErrors Check(StoryFields input)
    {
        var errors = new FieldErrors();
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add("Title", "Enter a title");
        }
        else if (title.Length > 200)
        {
            errors.Add("Title", "Keep the title to 200 characters or fewer");
        }

        foreach (var (field, value, name) in new[] { ("Background", input.Background, "background"), ("WhatWasDone", input.WhatWasDone, "what was done"), ("WhatWasLearned", input.WhatWasLearned, "what was learned") })
        {
            if ((value?.Trim().Length ?? 0) > MaxSection)
            {
                errors.Add(field, $"Keep {name} to 10,000 characters or fewer");
            }
        }

        if (string.IsNullOrWhiteSpace(input.Background) && string.IsNullOrWhiteSpace(input.WhatWasDone) && string.IsNullOrWhiteSpace(input.WhatWasLearned))
        {
            errors.Add("Background", "Write at least one section: background, what was done or what was learned");
        }

        return errors;
    }

    private static void Apply(PartnershipStory story, StoryFields input, DateTimeOffset now)
    {
        story.Background = input.Background?.Trim() ?? "";
        story.WhatWasDone = input.WhatWasDone?.Trim() ?? "";
        story.WhatWasLearned = input.WhatWasLearned?.Trim() ?? "";
        story.UpdatedAt = now;
    }
}
