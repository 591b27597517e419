using System.Text;
using System.Text.Json;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Demo;

/// <summary>
/// Loads a demo network so people can try Concord with realistic data. All names and text are invented.
/// It grows with every capability; running it twice leaves one demo network.
/// </summary>
public sealed class DemoNetwork(ConcordDb db, TimeProvider clock)
{
    public const string NetworkName = "Brightwater Community Partnerships Programme";

    public async Task<DemoResult> LoadAsync(CancellationToken ct = default)
    {
        var result = new DemoResult();
        var network = await db.Set<Network.Network>().OrderBy(n => n.CreatedAt).FirstOrDefaultAsync(ct);
        if (network is null)
        {
            network = new Network.Network { Name = NetworkName, CreatedAt = clock.GetUtcNow() };
            db.Add(network);
            await db.SaveChangesAsync(ct);
        }

        result.Network = network.Name;
        return result;
    }
}

public sealed class DemoResult
{
    public string Network { get; set; } = "";

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true });

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"Demo network: {Network}");
        return text.ToString();
    }
}
