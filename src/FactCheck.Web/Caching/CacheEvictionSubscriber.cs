using FactCheck.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FactCheck.Web.Caching;

/// <summary>
/// Evicts, in this process's output cache, the pages other processes' saves made stale (the notices
/// <see cref="CacheEvictionPublisher"/> writes). On SQLite it reads new notices every half second, one indexed
/// query; on PostgreSQL it LISTENs on a connection of its own and reads as soon as a NOTIFY arrives, and every
/// few seconds anyway. It also deletes notices older than any cached page. See docs/decisions/output-caching.md.
/// </summary>
public sealed class CacheEvictionSubscriber(
    IServiceScopeFactory scopes,
    IOutputCacheStore store,
    OutputCacheGeneration generation,
    CacheInstance instance,
    CacheEvictionSettings settings,
    TimeProvider clock,
    ILogger<CacheEvictionSubscriber> logger) : BackgroundService
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private EvictionCursor? _cursor;
    private DateTimeOffset _nextCleanup;
    private long _reads;

    /// <summary>How many reads of the notices this process made: the cost of listening, for the measurements.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (isPostgres, connectionString) = await BeginAsync(stoppingToken);
                if (isPostgres)
                {
                    await ListenAsync(connectionString, stoppingToken);
                }
                else
                {
                    await PollAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database restart or a dropped connection: start over; the poll catches up on what was missed.
                logger.LogWarning(e, "Reading other instances' cache evictions failed; retrying in {Delay} s", RetryDelay.TotalSeconds);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Begins after the newest notice at the first start: pages cached from then on are all this process has.
    /// After a failure it keeps its place, so that nothing written meanwhile is skipped.
    /// </summary>
    private async Task<(bool IsPostgres, string ConnectionString)> BeginAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        _cursor ??= new EvictionCursor(await db.CacheEvictions.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0);
        return (db.Database.IsNpgsql(), db.Database.GetConnectionString() ?? "");
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await ReadAsync(cancellationToken);
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Not pooled: the LISTEN belongs to this session, and a pooled connection would take it elsewhere.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Enlist = false, KeepAlive = 30 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {CacheEvictionPublisher.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        // Whatever was written while this connection was not listening.
        await ReadAsync(cancellationToken);
        while (true)
        {
            await connection.WaitAsync(settings.FallbackPollInterval, cancellationToken);
            await ReadAsync(cancellationToken);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var cursor = _cursor!;
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        var from = cursor.ReadFrom;
        var rows = await db.CacheEvictions.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Tags, e.Origin, e.CreatedAtUtc }).ToListAsync(cancellationToken);
        Interlocked.Increment(ref _reads);

        var tags = new HashSet<string>(StringComparer.Ordinal);
        DateTime? oldest = null;
        foreach (var row in rows)
        {
            if (cursor.Accept(row.Id, now) && row.Origin != instance.Id)
            {
                tags.UnionWith(row.Tags.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                oldest = oldest is null || row.CreatedAtUtc < oldest ? row.CreatedAtUtc : oldest;
            }
        }

        cursor.Expire(now);
        if (tags.Count > 0)
        {
            if (tags.Contains(OutputCacheReaderPolicy.AllTag))
            {
                tags = [OutputCacheReaderPolicy.AllTag];
            }

            // First, as the local eviction does: a render that began before the other process's commit is not stored.
            generation.Advance();
            foreach (var tag in tags)
            {
                await store.EvictByTagAsync(tag, cancellationToken);
            }

            logger.LogInformation("Evicted {Tags} for another process, {DelayMs:0} ms after its notice was written",
                tags, (clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(oldest!.Value, DateTimeKind.Utc)).TotalMilliseconds);
        }

        if (now >= _nextCleanup)
        {
            _nextCleanup = now + CleanupInterval;

            // Notices are not records of the archive: deleted in bulk, outside the save pipeline, by whichever instance comes first.
            var cutoff = now.UtcDateTime - settings.Retention;
            await db.CacheEvictions.Where(e => e.CreatedAtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
