using FactCheck.Data.Configurations;
using FactCheck.Data.Listings;
using FactCheck.Data.Seeding;
using FactCheck.Data.Versions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FactCheck.Data.Setup;

/// <summary>
/// Brings a database to the current schema and, on first start, imports the archive: the one place that
/// migrates. An ordinary start, with nothing pending, only reads and takes no lock. Work that writes runs
/// under the <see cref="DatabaseSetupLock"/>, and a migration lock row that a killed process left in
/// __EFMigrationsLock is cleared there with a warning, instead of making every later start wait for ever.
/// See docs/decisions/startup-recovery.md.
/// </summary>
public sealed class DatabaseSetup(FactCheckDbContext db, SeedImporter importer, SeedOptions seedOptions, DatabaseSetupOptions options, ILogger<DatabaseSetup> logger)
{
    /// <summary>EF Core's own name for the SQLite migration lock table (SqliteHistoryRepository).</summary>
    public const string EfMigrationsLockTable = "__EFMigrationsLock";

    /// <summary>Site start: migrates when migrations are pending and imports the archive into an empty database.</summary>
    public async Task PrepareForSiteAsync(CancellationToken cancellationToken = default)
    {
        bool needed;
        try
        {
            needed = await NeedsSetupAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            // The first thing a start does with the database, so the place to say which file failed.
            throw new DatabaseSetupException($"The database {new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource} cannot be opened: {ex.Message}", ex);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            var server = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            throw new DatabaseSetupException($"The PostgreSQL database {server.Database} on {server.Host}:{server.Port} cannot be reached: {ex.Message}", ex);
        }

        if (!needed)
        {
            return;
        }

        await using var setupLock = await AcquireLockAsync(cancellationToken);

        // Another process may have done the work while this one waited for the lock.
        await MigrateAsync(cancellationToken);
        if (seedOptions.ImportOnEmptyDatabase && !await db.Sources.AnyAsync(cancellationToken))
        {
            await importer.ImportAsync(seedOptions.Directory, cancellationToken);
        }

        await RecordFirstClaimVersionsAsync(cancellationToken);
        await BuildClaimListingsAsync(cancellationToken);
    }

    /// <summary>
    /// Every claim's listings when there are none yet (see <see cref="ClaimListingWriter.EnsureBuiltAsync"/>): a
    /// database the listings' migration has just reached. Call it holding <see cref="AcquireLockAsync"/>.
    /// </summary>
    public async Task BuildClaimListingsAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (await ClaimListingWriter.EnsureBuiltAsync(db, cancellationToken))
        {
            logger.LogInformation("Built {Count} claim listings in {ElapsedMs} ms", await db.ClaimListings.CountAsync(cancellationToken),
                (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Version 1 for each claim without one (see <see cref="ClaimVersionWriter.RecordFirstVersionsAsync"/>): a
    /// database from before versions were kept, or claims bulk-loaded outside the save pipeline. Call it
    /// holding <see cref="AcquireLockAsync"/>.
    /// </summary>
    public async Task RecordFirstClaimVersionsAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var count = await ClaimVersionWriter.RecordFirstVersionsAsync(db, cancellationToken: cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Recorded {Count} first claim versions in {ElapsedMs} ms", count, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// The lock a command holds around all of its writes (migration, import, generation); for a database in
    /// memory, which no other process can open, a lock that holds nothing.
    /// </summary>
    public Task<DatabaseSetupLock> AcquireLockAsync(CancellationToken cancellationToken = default) =>
        db.Database.IsNpgsql()
            ? DatabaseSetupLock.AcquirePostgresAsync(db.Database.GetConnectionString()!, options.LockTimeout, logger, cancellationToken: cancellationToken)
            : LockPath() is { } path
                ? DatabaseSetupLock.AcquireAsync(path, options.LockTimeout, logger, cancellationToken)
                : Task.FromResult(DatabaseSetupLock.None);

    /// <summary>
    /// The lock around making the first Data Protection key: its own, not the set-up lock, so that a start with
    /// nothing to migrate never waits for a command that is importing.
    /// </summary>
    public Task<DatabaseSetupLock> AcquireKeyRingLockAsync(CancellationToken cancellationToken = default) =>
        db.Database.IsNpgsql()
            ? DatabaseSetupLock.AcquirePostgresAsync(db.Database.GetConnectionString()!, options.LockTimeout, logger, DatabaseSetupLock.PostgresKeyRingLockKey, cancellationToken)
            : LockPath() is { } path
                ? DatabaseSetupLock.AcquireAsync(Path.ChangeExtension(path, ".keys.lock"), options.LockTimeout, logger, cancellationToken)
                : Task.FromResult(DatabaseSetupLock.None);

    /// <summary>Applies pending migrations. Call it holding <see cref="AcquireLockAsync"/>.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await ClearStaleMigrationLockAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Database migrated: {PendingCount} migrations applied {Migrations}", pending.Count, pending);
    }

    private async Task<bool> NeedsSetupAsync(CancellationToken cancellationToken)
    {
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return true;
        }

        // The versions check reads the (ClaimId, Number) index once per claim: a few ms at 100,000 claims.
        return await StaleMigrationLockTakenAtAsync(cancellationToken) is not null
            || (seedOptions.ImportOnEmptyDatabase && !await db.Sources.AnyAsync(cancellationToken))
            || await db.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).AnyAsync(c => !db.ClaimVersions.Any(v => v.ClaimId == c.Id), cancellationToken)
            || await ClaimListingWriter.AreMissingAsync(db, cancellationToken);
    }

    /// <summary>
    /// A row in EF Core's lock table while this process holds the set-up lock can only be a leftover: every
    /// migration of this application runs under that lock, and a process that finished removed its row. So
    /// the process that wrote it is gone, and whatever migration it was applying rolled back with it.
    /// </summary>
    private async Task ClearStaleMigrationLockAsync(CancellationToken cancellationToken)
    {
        if (await StaleMigrationLockTakenAtAsync(cancellationToken) is not { } takenAt)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{EfMigrationsLockTable}\"", cancellationToken);
        logger.LogWarning(
            "Cleared a migration lock taken at {TakenAt} by a process that no longer runs; its unfinished migration rolled back and pending migrations are applied again now",
            takenAt);
    }

    /// <summary>When the lock row in __EFMigrationsLock was written, or null when there is none (or no such table).</summary>
    private async Task<string?> StaleMigrationLockTakenAtAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL's migration lock is an advisory lock that ends with its connection: nothing is left behind.
            return null;
        }

        var tableExists = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {EfMigrationsLockTable}")
            .SingleAsync(cancellationToken);
        if (tableExists == 0)
        {
            return null;
        }

#pragma warning disable EF1002 // A constant table name, no input.
        var takenAt = await db.Database
            .SqlQueryRaw<string>($"SELECT \"Timestamp\" AS \"Value\" FROM \"{EfMigrationsLockTable}\" LIMIT 1")
            .ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return takenAt.Count > 0 ? takenAt[0] : null;
    }

    private string? LockPath()
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var dataSource = builder.DataSource;
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(dataSource) || dataSource == ":memory:"
            ? null
            : Path.GetFullPath(dataSource) + ".lock";
    }
}

public sealed class DatabaseSetupOptions
{
    /// <summary>How long a start or command waits for another process that migrates or imports (Database:SetupLockTimeoutSeconds).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
