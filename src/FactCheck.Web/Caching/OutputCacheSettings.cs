namespace FactCheck.Web.Caching;

/// <summary>
/// OutputCache:Enabled (default true) turns the output cache middleware on or off without a rebuild, so a
/// benchmark can measure the same build cached and uncached; OutputCache:ExpiryMinutes (default 10) bounds
/// how long a page lives without an eviction; OutputCache:SizeLimitMegabytes (default 100) bounds its memory.
/// </summary>
public sealed record OutputCacheSettings(bool Enabled, TimeSpan Expiry, long SizeLimitBytes)
{
    public static OutputCacheSettings FromConfiguration(IConfiguration configuration) => new(
        configuration.GetValue("OutputCache:Enabled", true),
        TimeSpan.FromMinutes(Math.Max(0.1, configuration.GetValue("OutputCache:ExpiryMinutes", 10.0))),
        Math.Max(1, configuration.GetValue("OutputCache:SizeLimitMegabytes", 100L)) * 1024 * 1024);
}
