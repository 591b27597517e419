using System.ComponentModel.DataAnnotations;
using Concord.Web.Infrastructure.Access;
using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Http;
using Concord.Web.Infrastructure.Writes;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Stories;

/// <summary>
/// Partnership stories: drafts only inside their partnership (members who contribute write them; coordinators and partner
/// leads publish; observers read); published stories for everyone in the network; the learning team chooses which go in the
/// practitioners' report. Outside a partnership: 404; lacking the role: 403; stale: 409 with the saved story as <c>current</c>.
/// </summary>
public static class StoriesApi
{
    public sealed record StoryDto(Guid Id, Guid PartnershipId, string? PartnershipName, string Title, string Background, string WhatWasDone, string WhatWasLearned,
        string State, DateTimeOffset? PublishedAt, bool SelectedForReports, DateTimeOffset UpdatedAt, int Version);

    /// <summary>A story as sent: <c>version</c> is required when changing one (the version you read).</summary>
    public sealed record StoryInput(
        [property: Required, MaxLength(200)] string? Title,
        [property: MaxLength(StoryCommands.MaxSection)] string? Background,
        [property: MaxLength(StoryCommands.MaxSection)] string? WhatWasDone,
        [property: MaxLength(StoryCommands.MaxSection)] string? WhatWasLearned,
        int? Version);

    /// <summary><c>state</c>: Published or Draft; <c>version</c>: the version of the story you read (required).</summary>
    public sealed record StoryStateInput([property: Required, AllowedValues(nameof(StoryState.Published), nameof(StoryState.Draft))] string? State, [property: Required] int? Version);

    public sealed record StorySelectInput(bool? Selected);

    public static RouteGroupBuilder MapStoriesApi(this RouteGroupBuilder api)
    {
        var stories = api.MapGroup("/partnerships/{id:guid}/stories").WithTags("Stories")
            .RequireAuthorization(AuthSetup.ApiPolicy).RequirePartnership();
        stories.MapGet("/", ListStoriesAsync).WithName("ListPartnershipStories").Produces<List<StoryDto>>()
            .WithSummary("The partnership's stories, drafts included.");
        stories.MapPost("/", CreateStoryAsync).WithName("CreatePartnershipStory").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<StoryDto>(StatusCodes.Status201Created)
            .WithSummary("Writes a story as a draft (members who contribute).");
        stories.MapGet("/{storyId:guid}", GetStoryAsync).WithName("GetPartnershipStory").Produces<StoryDto>().WithSummary("One of the partnership's stories.");
        stories.MapPut("/{storyId:guid}", UpdateStoryAsync).WithName("UpdatePartnershipStory").RequirePartnership(PartnershipOperation.Contribute)
            .ProducesWrite<StoryDto>(stale: true)
            .WithSummary("Changes a story (a published one: coordinators and partner leads). Send the `version` you read; a stale version gets 409 (with the saved story as `current`) and nothing is saved.");
        stories.MapPost("/{storyId:guid}/state", SetStoryStateAsync).WithName("SetPartnershipStoryState").RequirePartnership(PartnershipOperation.Publish)
            .ProducesWrite<StoryDto>(stale: true)
            .WithSummary("Publishes a story to the network (state: Published) or takes it back to Draft (coordinators and partner leads). Send the `version` you read; a stale one gets 409.");

        var published = api.MapGroup("/stories").WithTags("Stories").RequireAuthorization(AuthSetup.ApiPolicy);
        published.MapGet("/", ListPublishedAsync).WithName("ListPublishedStories").ProducesPage<StoryDto>()
            .WithSummary("Published stories across the network, newest first, a page at a time (`page` from 1, `pageSize` 1 to 100).");
        published.MapGet("/{storyId:guid}", GetPublishedAsync).WithName("GetPublishedStory").Produces<StoryDto>().WithSummary("One published story (a draft is 404).");
        published.MapPut("/{storyId:guid}/selection", SelectStoryAsync).WithName("SelectStoryForReports").ProducesWrite<StoryDto>()
            .WithSummary("Chooses a published story for the practitioners' report, or leaves it out (learning team).");

        return api;
    }

    private static async Task<IResult> ListStoriesAsync(PartnershipScope scope, StoryCommands commands, CancellationToken ct)
    {
        var stories = await commands.InPartnership(scope).AsNoTracking().OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id).ToListAsync(ct);
        return TypedResults.Ok(stories.Select(s => ToDto(s, scope.Partnership.Name)).ToList());
    }

    private static async Task<IResult> GetStoryAsync(Guid storyId, PartnershipScope scope, StoryCommands commands, CancellationToken ct) =>
        await commands.FindAsync(scope, storyId, ct) is { } story ? TypedResults.Ok(ToDto(story, scope.Partnership.Name)) : ApiProblems.NotFound();

    private static async Task<IResult> CreateStoryAsync(StoryInput input, PartnershipScope scope, StoryCommands commands, CancellationToken ct) =>
        (await commands.CreateAsync(scope, Fields(input), ct))
            .ToApi(s => TypedResults.Created($"/api/v1/partnerships/{scope.Id}/stories/{s.Id}", ToDto(s, scope.Partnership.Name)));

    private static async Task<IResult> UpdateStoryAsync(Guid storyId, StoryInput input, PartnershipScope scope, StoryCommands commands, CancellationToken ct) =>
        (await commands.UpdateAsync(scope, storyId, Fields(input), input.Version, ct))
            .ToApi(s => TypedResults.Ok(ToDto(s, scope.Partnership.Name)), s => ToDto(s, scope.Partnership.Name));

    private static async Task<IResult> SetStoryStateAsync(Guid storyId, StoryStateInput input, PartnershipScope scope, StoryCommands commands, CancellationToken ct)
    {
        StoryState? state = Enum.TryParse<StoryState>(input.State, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(input.State, out _) ? parsed : null;
        return (await commands.SetStateAsync(scope, storyId, state, input.Version, ct))
            .ToApi(s => TypedResults.Ok(ToDto(s, scope.Partnership.Name)), s => ToDto(s, scope.Partnership.Name));
    }

    private static async Task<IResult> ListPublishedAsync(int? page, int? pageSize, StoryCommands commands, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var request, out var errors))
        {
            return ApiProblems.Invalid(errors);
        }

        var query = commands.Published();
        var total = await query.CountAsync(ct);
        var rows = await query.Include(s => s.Partnership).AsNoTracking().OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Id)
            .Skip(request.Skip).Take(request.Size).ToListAsync(ct);
        return TypedResults.Ok(request.Of(rows.Select(s => ToDto(s, s.Partnership!.Name)).ToList(), total));
    }

    private static async Task<IResult> GetPublishedAsync(Guid storyId, StoryCommands commands, CancellationToken ct) =>
        await commands.Published().Include(s => s.Partnership).AsNoTracking().FirstOrDefaultAsync(s => s.Id == storyId, ct) is { } story
            ? TypedResults.Ok(ToDto(story, story.Partnership!.Name))
            : ApiProblems.NotFound();

    private static async Task<IResult> SelectStoryAsync(Guid storyId, StorySelectInput input, StoryCommands commands, CancellationToken ct) =>
        (await commands.SelectAsync(storyId, input.Selected ?? true, ct)).ToApi(s => TypedResults.Ok(ToDto(s, s.Partnership!.Name)));

    private static StoryFields Fields(StoryInput i) => new(i.Title, i.Background, i.WhatWasDone, i.WhatWasLearned);

    private static StoryDto ToDto(PartnershipStory s, string? partnership) =>
        new(s.Id, s.PartnershipId, partnership, s.Title, s.Background, s.WhatWasDone, s.WhatWasLearned, s.State.ToString(), s.PublishedAt, s.SelectedForReports, s.UpdatedAt, s.Version);
}
