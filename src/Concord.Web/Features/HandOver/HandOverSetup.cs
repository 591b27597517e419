namespace Concord.Web.Features.HandOver;

public static class HandOverSetup
{
    /// <summary>The partnership hand-over export (C15).</summary>
    public static WebApplicationBuilder AddHandOver(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HandOverExport>();
        return builder;
    }
}
