namespace FactCheck.Web.Caching;

/// <summary>
/// How a process hears of other processes' evictions. OutputCache:EvictionPollMilliseconds (default 500) is
/// how often it reads new notices on SQLite, and OutputCache:EvictionFallbackPollSeconds (default 5) how often
/// it reads them on PostgreSQL when no notification woke it (one lost with a dropped connection). Notices are
/// kept for the cache's expiry plus a minute: after that no cached page can be older than they are.
/// </summary>
public sealed record CacheEvictionSettings(TimeSpan PollInterval, TimeSpan FallbackPollInterval, TimeSpan Retention)
{
    public static CacheEvictionSettings FromConfiguration(IConfiguration configuration, OutputCacheSettings cache) => new(
        TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("OutputCache:EvictionPollMilliseconds", 500))),
        TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("OutputCache:EvictionFallbackPollSeconds", 5.0))),
        cache.Expiry + TimeSpan.FromMinutes(1));
}
