using System.Net;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Instances;

/// <summary>
/// Three instances started at the same moment against one empty database, as a deployment of several
/// instances does on its first day: one migrates and imports, the others wait for it and go on, and all of
/// them end up with the one key ring.
/// </summary>
[Trait("Database", "Both")]
public sealed class ConcurrentStartTests
{
    [Fact]
    public async Task Three_instances_starting_at_once_on_an_empty_database_migrate_and_import_once_and_share_one_key()
    {
        using var first = new SiteInstance(FactCheckAppFactory.DefaultProvider, sharedConnectionString: null);
        using var second = new SiteInstance(first.Database, first.ConnectionString);
        using var third = new SiteInstance(first.Database, first.ConnectionString);
        SiteInstance[] instances = [first, second, third];

        await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.BaseAddress)));

        foreach (var instance in instances)
        {
            using var client = instance.CreateHttpClient();
            using var home = await client.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var (sources, sourceCreations, keys, migrations) = await first.QueryAsync(async db => (
            await db.Sources.CountAsync(),
            await db.Revisions.Where(r => r.EntityType == RevisionSubjects.Source && r.Action == RevisionAction.Created).GroupBy(r => r.EntityId).Select(g => g.Count()).ToListAsync(),
            await db.DataProtectionKeys.CountAsync(),
            (await db.Database.GetAppliedMigrationsAsync()).Count()));
        Assert.Equal(5, sources);
        Assert.Equal([1, 1, 1, 1, 1], sourceCreations);
        Assert.Equal(1, keys);
        Assert.Equal(await first.QueryAsync(db => Task.FromResult(db.Database.GetMigrations().Count())), migrations);
    }
}
