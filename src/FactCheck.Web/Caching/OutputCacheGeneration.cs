namespace FactCheck.Web.Caching;

/// <summary>
/// Counts evictions. A request notes the count when it starts; if an eviction happened while it was
/// rendering, its page may hold rows read before the commit, so it is served but not stored. Without this,
/// a render that began before a correction could put the old rating back in the cache for the full expiry.
/// </summary>
public sealed class OutputCacheGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
