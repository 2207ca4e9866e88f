using FactCheck.Data.Configurations.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FactCheck.Data;

/// <summary>
/// The same model on PostgreSQL, with its own migrations set (Migrations/Postgres) as EF Core requires of a
/// second provider, and what only PostgreSQL has: the full-text search rows with their generated
/// <c>tsvector</c> columns and GIN indexes (<see cref="Search.PostgresSearchIndex"/>). Registered as the
/// implementation of <see cref="FactCheckDbContext"/>, so the application never names it.
/// </summary>
public sealed class PostgresFactCheckDbContext(DbContextOptions<PostgresFactCheckDbContext> options, IEnumerable<ISavedChangesListener>? listeners = null)
    : FactCheckDbContext(options, listeners)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz accepts only UTC DateTimes. The model's *Utc properties hold UTC, but values read back
        // from SQLite or a backup arrive as Unspecified; they are UTC by this application's rule, so say so.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PostgresFactCheckDbContext).Assembly,
            type => type.Namespace == typeof(ClaimSearchRowEntityTypeConfiguration).Namespace);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
