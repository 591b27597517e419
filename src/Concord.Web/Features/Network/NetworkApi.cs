using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Network;

public static class NetworkApi
{
    public sealed record NetworkInfo(string? Name, bool IsSetUp, string Version);

    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/network").WithTags("Network");
        group.MapGet("/", GetAsync)
            .WithName("GetNetwork")
            .WithSummary("The network this installation serves, and whether first-start set-up is done.")
            .AllowAnonymous();
        return api;
    }

    private static async Task<NetworkInfo> GetAsync(ConcordDb db, CancellationToken ct)
    {
        var name = await db.Set<Network>().OrderBy(n => n.CreatedAt).Select(n => n.Name).FirstOrDefaultAsync(ct);
        var version = typeof(NetworkApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return new NetworkInfo(name, name is not null, version);
    }
}
