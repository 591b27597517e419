using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Concord.Web.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories;

/// <summary>
/// Partnership stories: drafts only inside their partnership (members who contribute write and publish; observers read);
/// published stories for everyone in the network; the learning team chooses which go in the practitioners' report.
/// Outside a partnership: 404; lacking the role: 403; stale: 409.
/// </summary>
public static class StoriesApi
{
    public sealed record StoryDto(Guid Id, Guid PartnershipId, string? PartnershipName, string Title, string Background, string WhatWasDone, string WhatWasLearned,
        string State, DateTimeOffset? PublishedAt, bool SelectedForReports, DateTimeOffset UpdatedAt, int Version);

    public sealed record StoryInput(string? Title, string? Background, string? WhatWasDone, string? WhatWasLearned, int? Version);

    public sealed record StoryStateInput(string? State, int? Version);

    public sealed record StorySelectInput(bool? Selected);

    public static RouteGroupBuilder MapStoriesApi(this RouteGroupBuilder api)
    {
        var stories = api.MapGroup("/partnerships/{id:guid}/stories").WithTags("Stories").RequireAuthorization(AuthSetup.ApiPolicy);
        stories.MapGet("/", ListStoriesAsync).WithName("ListPartnershipStories").WithSummary("The partnership's stories, drafts included.");
        stories.MapPost("/", CreateStoryAsync).WithName("CreatePartnershipStory").WithSummary("Writes a story as a draft (members who contribute).");
        stories.MapGet("/{storyId:guid}", GetStoryAsync).WithName("GetPartnershipStory").WithSummary("One of the partnership's stories.");
        stories.MapPut("/{storyId:guid}", UpdateStoryAsync).WithName("UpdatePartnershipStory").WithSummary("Changes a story; a stale version gets 409.");
        stories.MapPost("/{storyId:guid}/state", SetStoryStateAsync).WithName("SetPartnershipStoryState").WithSummary("Publishes a story to the network (state: Published) or takes it back to Draft.");

        var published = api.MapGroup("/stories").WithTags("Stories").RequireAuthorization(AuthSetup.ApiPolicy);
        published.MapGet("/", ListPublishedAsync).WithName("ListPublishedStories").WithSummary("Published stories across the network, newest first, a page at a time.");
        published.MapGet("/{storyId:guid}", GetPublishedAsync).WithName("GetPublishedStory").WithSummary("One published story (a draft is 404).");
        published.MapPut("/{storyId:guid}/selection", SelectStoryAsync).WithName("SelectStoryForReports").WithSummary("Chooses a published story for the practitioners' report, or leaves it out (learning team).");

        return api;
    }

    // ---- Stories ----

    private static async Task<Results<Ok<List<StoryDto>>, ProblemHttpResult>> ListStoriesAsync(Guid id, ConcordDb db, PartnershipAccess access, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        var stories = await db.Set<PartnershipStory>().AsNoTracking().Where(s => s.PartnershipId == id).OrderByDescending(s => s.UpdatedAt).ToListAsync(ct);
        return TypedResults.Ok(stories.Select(s => ToDto(s, found.Partnership.Name)).ToList());
    }

    private static async Task<Results<Ok<StoryDto>, ProblemHttpResult>> GetStoryAsync(Guid id, Guid storyId, PartnershipAccess access, StoryCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || await commands.FindInPartnershipAsync(id, storyId, ct) is not { } story)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(ToDto(story, found.Partnership.Name));
    }

    private static async Task<Results<Created<StoryDto>, ValidationProblem, ProblemHttpResult>> CreateStoryAsync(
        Guid id, StoryInput input, PartnershipAccess access, StoryCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanContribute)
        {
            return ApiProblems.Forbidden("Observers read the partnership's stories but do not write them.");
        }

        var (story, outcome) = await commands.SaveAsync(id, null, new(input.Title, input.Background, input.WhatWasDone, input.WhatWasLearned), null, ct);
        return story is null
            ? TypedResults.ValidationProblem(outcome.ToProblemErrors())
            : TypedResults.Created($"/api/v1/partnerships/{id}/stories/{story.Id}", ToDto(story, found.Partnership.Name));
    }

    private static async Task<Results<Ok<StoryDto>, ValidationProblem, ProblemHttpResult>> UpdateStoryAsync(
        Guid id, Guid storyId, StoryInput input, PartnershipAccess access, StoryCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || await commands.FindInPartnershipAsync(id, storyId, ct) is not { } story)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanContribute)
        {
            return ApiProblems.Forbidden("Observers read the partnership's stories but do not change them.");
        }

        if (input.Version is null)
        {
            return VersionRequired();
        }

        var (saved, outcome) = await commands.SaveAsync(id, story, new(input.Title, input.Background, input.WhatWasDone, input.WhatWasLearned), input.Version, ct);
        return saved is null ? TypedResults.ValidationProblem(outcome.ToProblemErrors()) : TypedResults.Ok(ToDto(saved, found.Partnership.Name));
    }

    private static async Task<Results<Ok<StoryDto>, ValidationProblem, ProblemHttpResult>> SetStoryStateAsync(
        Guid id, Guid storyId, StoryStateInput input, ConcordDb db, PartnershipAccess access, StoryCommands commands, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } found || await commands.FindInPartnershipAsync(id, storyId, ct) is not { } story)
        {
            return ApiProblems.NotFound();
        }

        if (!found.CanContribute)
        {
            return ApiProblems.Forbidden("Observers do not publish stories.");
        }

        if (!Enum.TryParse<StoryState>(input.State, ignoreCase: true, out var state) || !Enum.IsDefined(state))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = ["Use Published or Draft."] });
        }

        if (input.Version is { } version)
        {
            db.ExpectVersion(story, version);
        }

        await commands.SetStateAsync(story, state, ct);
        return TypedResults.Ok(ToDto(story, found.Partnership.Name));
    }

    private static async Task<Results<Ok<PagedList<StoryDto>>, ValidationProblem>> ListPublishedAsync(StoryCommands commands, int? page, int? pageSize, CancellationToken ct)
    {
        if (StrictPaging.Check(page, pageSize, out var p, out var size) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = commands.Published();
        var total = await query.CountAsync(ct);
        var rows = await query.Include(s => s.Partnership).AsNoTracking().OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<StoryDto>(rows.Select(s => ToDto(s, s.Partnership!.Name)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<StoryDto>, ProblemHttpResult>> GetPublishedAsync(Guid storyId, StoryCommands commands, CancellationToken ct)
    {
        if (await commands.Published().Include(s => s.Partnership).AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return ApiProblems.NotFound();
        }

        return TypedResults.Ok(ToDto(story, story.Partnership!.Name));
    }

    private static async Task<Results<Ok<StoryDto>, ProblemHttpResult>> SelectStoryAsync(Guid storyId, StorySelectInput input, CurrentUser user, StoryCommands commands, CancellationToken ct)
    {
        if (await commands.Published().Include(s => s.Partnership).FirstOrDefaultAsync(s => s.Id == storyId, ct) is not { } story)
        {
            return ApiProblems.NotFound();
        }

        if (!user.IsLearningTeam)
        {
            return ApiProblems.Forbidden("Only the learning team chooses stories for reports.");
        }

        await commands.SelectAsync(story, input.Selected ?? true, ct);
        return TypedResults.Ok(ToDto(story, story.Partnership!.Name));
    }

    private static StoryDto ToDto(PartnershipStory s, string? partnership) =>
        new(s.Id, s.PartnershipId, partnership, s.Title, s.Background, s.WhatWasDone, s.WhatWasLearned, s.State.ToString(), s.PublishedAt, s.SelectedForReports, s.UpdatedAt, s.Version);

    private static ValidationProblem VersionRequired() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Send the version you read, so a stale edit is not saved over someone else's."] });
}
