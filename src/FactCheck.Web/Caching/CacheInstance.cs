using System.Globalization;

namespace FactCheck.Web.Caching;

/// <summary>
/// This process among all those serving one database: a random id, new at every start, that marks the
/// eviction notices it wrote, so that it skips its own (it evicted those pages already).
/// </summary>
public sealed class CacheInstance
{
    public string Id { get; } = string.Create(CultureInfo.InvariantCulture,
        $"{Truncate(Environment.MachineName, 20)}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
