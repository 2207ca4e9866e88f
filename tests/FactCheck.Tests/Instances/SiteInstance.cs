using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Instances;

/// <summary>
/// One instance of the site, with desk accounts, on the pass's provider; given another instance's connection
/// string, a second instance on the same database, as behind a load balancer.
/// </summary>
public sealed class SiteInstance(TestDatabase database, string? sharedConnectionString) : DeskAppFactory(database, sharedConnectionString)
{
    /// <summary>
    /// Waits until this instance has read other processes' eviction notices twice more than <paramref name="after"/>:
    /// the second read began after whatever was committed before the wait, so what it evicts has been evicted.
    /// </summary>
    public async Task WaitForTwoEvictionReadsAsync(long after)
    {
        var subscriber = Services.GetRequiredService<CacheEvictionSubscriber>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (subscriber.Reads < after + 2)
        {
            await Task.Delay(20, limit.Token);
        }
    }

    public long EvictionReads => Services.GetRequiredService<CacheEvictionSubscriber>().Reads;

    public async Task<string> ReaderTextAsync(string path)
    {
        using var client = CreateHttpClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }
}
