using Microsoft.Data.Sqlite;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>
/// The place a proof run happens: a database on the chosen provider (a new SQLite file, or a database on a
/// PostgreSQL server the run starts itself) and the site instances serving it. Disposing stops everything the
/// run started, and only that.
/// </summary>
public sealed class ProofLab : IAsyncDisposable
{
    private ProofLab(string folder, ProofStore store, PostgresCluster? cluster)
    {
        Folder = folder;
        Store = store;
        Cluster = cluster;
    }

    public string Folder { get; }

    public ProofStore Store { get; }

    /// <summary>The PostgreSQL server, when the run is on PostgreSQL.</summary>
    public PostgresCluster? Cluster { get; }

    public List<SiteProcess> Instances { get; } = [];

    public static async Task<ProofLab> CreateAsync(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("factcheck-proof-").FullName;
        if (provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new ProofLab(folder, new SqliteProofStore(Path.Combine(folder, "factcheck.db")), null);
        }

        if (!provider.Equals("postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"--provider is sqlite or postgres, not '{provider}'", nameof(provider));
        }

        var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync("factcheck_proof");
        return new ProofLab(folder, new PostgresProofStore(connectionString), cluster);
    }

    /// <summary>Starts <paramref name="count"/> instances one after another (the first migrates and imports the seeds) and waits until each serves.</summary>
    public async Task StartInstancesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Instances.Add(await StartServingAsync(null));
        }
    }

    /// <summary>Starts instance <paramref name="index"/> again on its port, after a kill.</summary>
    public async Task RestartAsync(int index)
    {
        var old = Instances[index];
        old.Dispose();
        Instances[index] = await StartServingAsync(old.Port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind must not fail a run; the OS cleans /tmp.
        }
    }

    private async Task<SiteProcess> StartServingAsync(int? port)
    {
        var instance = SiteProcess.StartSite(Store.SiteArguments, port);
        if (!await instance.WaitUntilServingAsync(TimeSpan.FromMinutes(3)))
        {
            var output = instance.Output;
            instance.Dispose();
            throw new InvalidOperationException($"A site instance on port {instance.Port} did not serve / within 3 minutes:\n{output}");
        }

        return instance;
    }
}
