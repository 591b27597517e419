using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Ledger;

/// <summary>`dotnet run --project src/Concord.Web -- verify [partnershipId]`: walks each ledger's hash chain and
/// prints the first entry that does not match. Exits 1 when any chain is broken, 2 for an unknown partnership.</summary>
public static class LedgerVerifyCommand
{
    public static async Task<int> RunAsync(ConcordDb db, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var ids = args.Select(a => Guid.TryParse(a, out var g) ? g : (Guid?)null).Where(g => g is not null).Select(g => g!.Value).ToList();
        var partnerships = await db.Set<Partnership>().AsNoTracking()
            .Where(p => ids.Count == 0 || ids.Contains(p.Id))
            .OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        if (ids.Count > 0 && partnerships.Count < ids.Count)
        {
            await output.WriteLineAsync("There is no partnership with that id.");
            return 2;
        }

        var broken = 0;
        foreach (var p in partnerships)
        {
            var result = await LedgerCommands.VerifyAsync(db, p.Id, ct);
            if (!result.IsIntact)
            {
                broken++;
                await output.WriteLineAsync($"BROKEN  {p.Name} ({p.Id}): {result.Message} Entry id {result.FirstBadEntry!.Content.Id}.");
            }
            else
            {
                await output.WriteLineAsync($"OK      {p.Name} ({p.Id}): {result.Message}");
            }
        }

        await output.WriteLineAsync(broken == 0
            ? $"All {partnerships.Count} ledgers are intact."
            : $"{broken} of {partnerships.Count} ledgers are broken.");
        return broken == 0 ? 0 : 1;
    }
}
