using Concord.Web.Features.Partnerships;

namespace Concord.Web.Features.Lessons.Pages;

/// <summary>The lesson form (write and change). Checks are in <see cref="LessonCommands"/>, shared with the API.</summary>
public sealed class LessonInput
{
    public string? Title { get; set; }
    public string? Context { get; set; }
    public string? WhatHappened { get; set; }
    public LessonKind? Kind { get; set; }
    public string? Recommendation { get; set; }
    public Guid? CategoryId { get; set; }
    public string? Tags { get; set; }
    public PartnershipStage? Stage { get; set; }
    public string? Evidence { get; set; }
    public Guid? PartnershipId { get; set; }
    public string? PartnershipType { get; set; }
    public DateOnly? OccurredOn { get; set; }
    public LessonVisibility? Visibility { get; set; }
    public int Version { get; set; }

    public LessonFields Fields() => new(Title, Context, WhatHappened, Kind, Recommendation, CategoryId, Tags, Stage, Evidence,
        PartnershipId, PartnershipType, OccurredOn, Visibility);

    public static LessonInput From(Lesson l) => new()
    {
        Title = l.Title,
        Context = l.Context,
        WhatHappened = l.WhatHappened,
        Kind = l.Kind,
        Recommendation = l.Recommendation,
        CategoryId = l.CategoryId,
        Tags = string.Join(", ", l.Tags.Select(t => t.Tag).Order()),
        Stage = l.Stage,
        Evidence = l.Evidence,
        PartnershipId = l.PartnershipId,
        PartnershipType = l.PartnershipType,
        OccurredOn = l.OccurredOn,
        Visibility = l.Visibility,
        Version = l.Version,
    };
}
