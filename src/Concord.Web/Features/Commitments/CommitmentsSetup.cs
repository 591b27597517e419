using Concord.Web.Features.Ledger;

namespace Concord.Web.Features.Commitments;

public static class CommitmentsSetup
{
    /// <summary>Commitments (C3), the communications ledger and agreed contact (C4), and the daily digest.</summary>
    public static WebApplicationBuilder AddCommitmentsAndLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CommitmentCommands>();
        builder.Services.AddScoped<CommitmentQueries>();
        builder.Services.AddScoped<LedgerCommands>();
        builder.Services.AddScoped<LedgerQueries>();
        builder.Services.AddScoped<ContactMethods>();
        builder.Services.Configure<DigestOptions>(builder.Configuration.GetSection("Commitments:Digest"));
        builder.Services.AddSingleton<CommitmentDigest>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommitmentDigest>());
        return builder;
    }

    public static RouteGroupBuilder MapCommitmentsAndLedgerApi(this RouteGroupBuilder api)
    {
        api.MapCommitmentsApi();
        api.MapLedgerApi();
        return api;
    }
}
