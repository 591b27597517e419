using Concord.Web.Features.Stories;
using Concord.Web.Infrastructure.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Concord.Web.Features.Guidance;

public static class GuidanceSetup
{
    /// <summary>Guidance, checklists, partnership stories and learning reports.</summary>
    public static IServiceCollection AddGuidance(this IServiceCollection services)
    {
        services.TryAddSingleton(new MarkdownRenderer());
        services.AddScoped<GuidanceCommands>();
        services.AddScoped<StoryCommands>();
        services.AddScoped<RelatedLessons>();
        services.AddScoped<Reports.LearningReports>();
        return services;
    }
}
