using System.Text.Json.Nodes;
using FactCheck.CrashRecovery;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Instances;

/// <summary>
/// A command run as its own process beside the running site (here `seed`, after the archive changed) writes
/// to the database the site serves: the site must drop the pages it had cached, not serve them for ten minutes.
/// SQLite only: the command runs on the site's database file.
/// </summary>
public sealed class SeedCommandEvictionTests : IDisposable
{
    private readonly CrashHarness _harness = new();

    [Fact]
    public async Task A_seed_run_in_another_process_evicts_the_running_sites_cached_claim_page()
    {
        using var site = new SiteInstance(TestDatabase.Sqlite, sharedConnectionString: null);
        var claim = await SeededClaims.LoadAsync(site, SeededClaims.BalkiKey);
        const string place = "Kabul, as the corrected archive says";
        Assert.DoesNotContain(place, await site.ReaderTextAsync(claim.Path), StringComparison.Ordinal);

        var seeds = CopySeedsWithPlace(SeededClaims.BalkiKey, place);
        var result = await _harness.RunAsync(site.DatabasePath, "seed", "--Seeds:Path", seeds);
        Assert.True(result.ExitCode == 0, result.Errors);
        var reads = site.EvictionReads;

        await site.WaitForTwoEvictionReadsAsync(reads);
        Assert.Contains(place, await site.ReaderTextAsync(claim.Path), StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    /// <summary>The test run's copy of seeds/ with one claim said somewhere else.</summary>
    private string CopySeedsWithPlace(string claimKey, string place)
    {
        var from = Path.Combine(AppContext.BaseDirectory, "seeds");
        var to = Path.Combine(_harness.Directory, "seeds");
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        var archivePath = Path.Combine(to, "archive.json");
        var archive = JsonNode.Parse(File.ReadAllText(archivePath))!;
        var claim = archive["claims"]!.AsArray().Single(c => (string?)c!["key"] == claimKey)!;
        claim["where"] = place;
        File.WriteAllText(archivePath, archive.ToJsonString());
        return to;
    }
}
