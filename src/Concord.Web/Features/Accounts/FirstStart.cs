using Concord.Web.Infrastructure.Auth;
using Concord.Web.Infrastructure.Database;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Concord.Web.Features.Accounts;

/// <summary>
/// While no account exists, Concord prints a one-time set-up link (with a secret) to the console.
/// Whoever can read the console of the machine running Concord can set it up; nobody else can.
/// </summary>
public static class FirstStart
{
    public static void PrintSetupLinkWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ConcordDb>();
            bool hasAccounts;
            try
            {
                hasAccounts = db.Users.Any();
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                return;
            }

            if (hasAccounts)
            {
                return;
            }

            var token = app.Services.GetRequiredService<SetupToken>().Value;
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? "http://localhost:5080";
            Console.WriteLine();
            Console.WriteLine("Concord has no accounts yet. To set it up, open this one-time link:");
            Console.WriteLine($"  {address.TrimEnd('/')}/setup?token={token}");
            Console.WriteLine("The link works until the first administrator is created, and changes each time Concord starts.");
            Console.WriteLine();
        });
    }

    public static Task<bool> IsSetUpAsync(ConcordDb db, CancellationToken ct = default) => db.Users.AnyAsync(ct);
}
