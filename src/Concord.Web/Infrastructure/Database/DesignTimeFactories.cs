using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Concord.Web.Infrastructure.Database;

/// <summary>Used by `dotnet ef migrations add ... --context SqliteConcordDb`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConcordDb>
{
    public SqliteConcordDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConcordDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used by `dotnet ef migrations add ... --context PostgresConcordDb`; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConcordDb>
{
    public PostgresConcordDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConcordDb>().UseNpgsql("Host=localhost;Database=concord_design").Options);
}
