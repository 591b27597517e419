namespace Concord.Web.Features.Guidance.Pages;

public sealed class TemplateInput
{
    public string? Title { get; set; }
    public string? Stage { get; set; }
    public string? GuidanceSlug { get; set; }
    public string? Description { get; set; }
    public string? Items { get; set; }
    public int Version { get; set; }

    public TemplateFields Fields() => new(Title, Description, Stage, GuidanceSlug, Items);

    public static TemplateInput From(ChecklistTemplate t) => new()
    {
        Title = t.Title,
        Stage = t.Stage?.ToString() ?? GuidanceCommands.Spotlight,
        GuidanceSlug = t.GuidanceSlug,
        Description = t.Description,
        Items = t.Items,
        Version = t.Version,
    };
}
