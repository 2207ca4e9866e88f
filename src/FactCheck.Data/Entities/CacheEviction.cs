namespace FactCheck.Data.Entities;

/// <summary>
/// Output-cache tags one process evicted after a save, for every other process serving the same database
/// (a second instance, or the site while a <c>seed</c> command runs beside it). Short-lived: rows older
/// than the cache's own lifetime are deleted. See docs/decisions/output-caching.md.
/// </summary>
public class CacheEviction
{
    public long Id { get; set; }

    /// <summary>The evicted tags, one per line.</summary>
    public required string Tags { get; set; }

    /// <summary>The process that evicted them already; it skips its own rows.</summary>
    public required string Origin { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
