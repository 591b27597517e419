using Concord.Tests.Infrastructure;
using Concord.Web.Features.Demo;
using Concord.Web.Features.Ledger;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Tests.Foundation;

public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the SQLite migrations are behind the model.");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh: the PostgreSQL migrations are behind the model.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}

/// <summary>Migrations that move data are tried on real data: the demo network, taken down a migration and up again.</summary>
[Collection(AppCollection.Name)]
public sealed class DataMigrationTests
{
    [Theory]
    [BothDatabases]
    public async Task Ledger_partners_move_to_their_own_table_and_back_and_every_chain_stays_intact(Db provider)
    {
        await using var app = await ConcordFactory.CreateAsync(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<DemoNetwork>(scope.ServiceProvider).LoadAsync();
        }

        var before = await app.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().Include(e => e.Partners)
            .OrderBy(e => e.PartnershipId).ThenBy(e => e.Sequence).ToListAsync());
        Assert.Contains(before, e => e.Partners.Count > 1);

        await app.WithDbAsync(async db =>
        {
            var migrator = db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("LessonsAndGuidance");
            await migrator.MigrateAsync();
        });

        var after = await app.WithDbAsync(db => db.Set<LedgerEntry>().AsNoTracking().Include(e => e.Partners)
            .OrderBy(e => e.PartnershipId).ThenBy(e => e.Sequence).ToListAsync());
        Assert.Equal(before.Select(e => (e.Id, string.Join(",", e.PartnerIds))), after.Select(e => (e.Id, string.Join(",", e.PartnerIds))));
        foreach (var partnership in after.Select(e => e.PartnershipId).Distinct())
        {
            var verification = await app.WithDbAsync(db => LedgerCommands.VerifyAsync(db, partnership, CancellationToken.None));
            Assert.True(verification.IsIntact, verification.Message);
        }

        // The append-only guard covers the partner rows again after the round trip.
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM ledger_entry_partners")));
    }
}
