namespace Concord.Web.Features.PersonalData;

public static class PersonalDataSetup
{
    /// <summary>The subject access export for an account.</summary>
    public static WebApplicationBuilder AddPersonalData(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PersonalDataExport>();
        return builder;
    }
}
