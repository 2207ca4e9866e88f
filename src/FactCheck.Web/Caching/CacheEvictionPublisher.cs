using FactCheck.Data;
using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Caching;

/// <summary>
/// Tells every other process on the same database which cached pages a save made stale: one
/// <see cref="CacheEviction"/> row (the tags, one per line, and this process's <see cref="CacheInstance"/> id),
/// and on PostgreSQL a NOTIFY that wakes the other instances' <see cref="CacheEvictionSubscriber"/> at once.
/// Commands (seed, restore) publish through it too, so a running site drops what they changed.
/// See docs/decisions/output-caching.md.
/// </summary>
public sealed class CacheEvictionPublisher(IServiceScopeFactory scopes, CacheInstance instance, TimeProvider clock, ILogger<CacheEvictionPublisher> logger)
{
    /// <summary>The PostgreSQL notification channel the subscribers LISTEN on.</summary>
    public const string Channel = "factcheck_cache_evictions";

    // The column's length; a longer list (a source cited by hundreds of claims) is sent as "everything".
    private const int MaxTagsLength = 8000;

    /// <summary>
    /// Writes the notice. Never throws: the save it follows is committed, and failing here would tell the
    /// caller otherwise. If the database cannot take the row, the other instances keep their pages until
    /// the cache's own expiry, and the log says so.
    /// </summary>
    public async Task PublishAsync(IReadOnlyCollection<string> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }

        var text = string.Join('\n', tags);
        if (text.Length > MaxTagsLength || tags.Contains(OutputCacheReaderPolicy.AllTag))
        {
            text = OutputCacheReaderPolicy.AllTag;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
            db.CacheEvictions.Add(new CacheEviction { Tags = text, Origin = instance.Id, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
            if (db.Database.IsNpgsql())
            {
                // After the commit, so a woken instance finds the row; the poll covers a lost notification.
                await db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}");
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell other instances to evict {Tags}; their copies expire on their own", text);
        }
    }
}
