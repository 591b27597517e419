namespace Concord.Web.Features.PublicLibrary;

public static class PublicLibrarySetup
{
    /// <summary>The public library's services (one line in ConcordApp); its API is mapped by <see cref="PublicLibraryApi"/>.</summary>
    public static IServiceCollection AddPublicLibrary(this IServiceCollection services)
    {
        services.AddScoped<PublicLibraryQueries>();
        return services;
    }
}
