using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FactCheck.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build each provider's model without starting the web host:
/// `--context FactCheckDbContext` for SQLite (Migrations/), `--context PostgresFactCheckDbContext` for
/// PostgreSQL (Migrations/Postgres). Adding a migration connects to nothing.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<FactCheckDbContext>
{
    public FactCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<FactCheckDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresFactCheckDbContext>
{
    public PostgresFactCheckDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFactCheckDbContext>().UseNpgsql("Host=localhost;Database=factcheck_design_time").Options);
}
