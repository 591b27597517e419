namespace Concord.Web.Features.Stories.Pages;

public sealed class StoryInput
{
    public string? Title { get; set; }
    public string? Background { get; set; }
    public string? WhatWasDone { get; set; }
    public string? WhatWasLearned { get; set; }
    public int Version { get; set; }

    public StoryFields Fields() => new(Title, Background, WhatWasDone, WhatWasLearned);

    public static StoryInput From(PartnershipStory s) => new()
    {
        Title = s.Title,
        Background = s.Background,
        WhatWasDone = s.WhatWasDone,
        WhatWasLearned = s.WhatWasLearned,
        Version = s.Version,
    };
}
