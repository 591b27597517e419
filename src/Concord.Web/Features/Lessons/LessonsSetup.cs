namespace Concord.Web.Features.Lessons;

public static class LessonsSetup
{
    /// <summary>The lessons library's services (one line in ConcordApp).</summary>
    public static IServiceCollection AddLessons(this IServiceCollection services)
    {
        services.AddScoped<LessonAccess>();
        services.AddScoped<LessonCommands>();
        services.AddScoped<LessonSearch>();
        services.AddScoped<LessonTaxonomy>();
        services.AddMemoryCache();
        return services;
    }
}
