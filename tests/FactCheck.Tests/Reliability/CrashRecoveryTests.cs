using FactCheck.CrashRecovery;

namespace FactCheck.Tests.Reliability;

/// <summary>
/// The application killed with SIGKILL at each moment that matters, as a power cut, an out-of-memory kill or
/// a deploy would: the next start must open the database, answer, and end with the archive complete, once.
/// </summary>
public sealed class CrashRecoveryTests(CrashRecoveryTests.References references) : IClassFixture<CrashRecoveryTests.References>
{
    public static TheoryData<string> Moments => [.. MomentsByName.Keys];

    private static readonly Dictionary<string, (KillMoment Moment, string[] Command)> MomentsByName = new()
    {
        ["seed, before the migrations"] = (KillMoment.After(TimeSpan.FromMilliseconds(150)), ["seed"]),
        ["seed, after the migrations"] = (KillMoment.PausedAt("after the migrations", "Database migrated"), ["seed"]),
        ["seed, during the import"] = (KillMoment.OnLog("during the import", "Importing seed archive"), ["seed"]),
        ["first start of the site, during the first migration"] = (KillMoment.OnLog("during the migrations", "Applying migration '20261122150243_InitialSchema'"), ["--urls", "http://127.0.0.1:0"]),
        ["first start of the site, during the import"] = (KillMoment.OnLog("during the import", "Importing seed archive"), ["--urls", "http://127.0.0.1:0"]),
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task A_killed_start_or_seed_recovers_on_the_next_start_with_the_archive_complete_once(string moment)
    {
        var (kill, command) = MomentsByName[moment];
        var harness = references.Harness;
        var path = harness.NewDatabasePath(Guid.NewGuid().ToString("N"));

        var killed = await harness.StartAndKillAsync(path, kill, command);
        Assert.True(killed.KilledWhileRunning, $"The process ended before the kill ({moment}):\n{killed.Output}");

        // The next start: it finishes what the killed process began, and answers.
        Assert.Null(await harness.SiteAnswersAsync(path));

        var state = CrashHarness.Inspect(path);
        Assert.Empty(state.Problems);
        Assert.Empty(state.DifferencesFrom(references.Seeded));
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_killed_migration_is_cleared_with_a_warning_instead_of_a_hang()
    {
        var harness = references.Harness;
        var path = harness.NewDatabasePath("stale-lock");

        var duringSecondMigration = KillMoment.PausedAt("during the second migration", "Applying migration '20261122151617_AddSearchAndCurrentRating'");
        var killed = await harness.StartAndKillAsync(path, duringSecondMigration, "seed");
        Assert.True(killed.KilledWhileRunning, killed.Output);

        // The condition that used to hang every later start: EF Core's lock row, with no process behind it.
        Assert.Equal(1, CrashHarness.Inspect(path).RowCounts["__EFMigrationsLock"]);

        var seed = await harness.RunAsync(path, "seed");
        Assert.False(seed.Hung, "seed hung on the stale migration lock");
        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("Cleared a migration lock taken at", seed.Output, StringComparison.Ordinal);

        // `seed` itself finished the migrations and imported the archive once; the site then serves it.
        var state = CrashHarness.Inspect(path);
        Assert.Empty(state.Problems);
        Assert.Empty(state.DifferencesFrom(references.Seeded));
        Assert.Null(await harness.SiteAnswersAsync(path));
    }

    [Fact]
    public async Task A_generation_killed_half_way_leaves_nothing_behind_and_runs_again_to_the_same_archive()
    {
        var harness = references.Harness;
        var path = harness.NewDatabasePath("generate");

        var killed = await harness.GenerateAndKillAsync(path, KillMoment.PausedAt("during generation", "Rebuilding the full-text index"), References.Generate);
        Assert.True(killed.KilledWhileRunning, killed.Output);
        Assert.Empty(CrashHarness.Inspect(path).Problems);

        var again = await harness.GenerateAsync(path, References.Generate);
        Assert.True(again.ExitCode == 0, $"generate after the crash: exit {again.ExitCode}\n{again.Output}");
        var state = CrashHarness.Inspect(path);
        Assert.Empty(state.Problems);
        Assert.Empty(state.DifferencesFrom(references.Generated));
    }

    [Fact]
    public async Task An_ordinary_start_takes_no_lock_and_a_held_lock_is_waited_for_then_reported()
    {
        var harness = references.Harness;
        var path = harness.NewDatabasePath("held");
        Assert.Equal(0, (await harness.RunAsync(path, "seed")).ExitCode);

        // Another live process holds the set-up lock (as a running migration would).
        await using (var held = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            // Nothing pending: the site starts without waiting for it.
            Assert.Null(await harness.SiteAnswersAsync(path));

            // A command that must write waits, a bounded time, then fails with a message that says why.
            var seed = await harness.RunAsync(path, "seed", "--Database:SetupLockTimeoutSeconds=2");
            Assert.False(seed.Hung);
            Assert.NotEqual(0, seed.ExitCode);
            Assert.Contains("Another process has been migrating or importing into the database for more than 2 s", seed.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Clean runs to compare with, made once for the class.</summary>
    public sealed class References : IAsyncLifetime
    {
        /// <summary>The archive generator's options (tests/benchmarks/FactCheck.ArchiveGenerator).</summary>
        public static readonly string[] Generate = ["--claims", "200"];

        public CrashHarness Harness { get; } = new();

        public DatabaseState Seeded { get; private set; } = null!;

        public DatabaseState Generated { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var seeded = Harness.NewDatabasePath("reference");
            var seed = await Harness.RunAsync(seeded, "seed");
            Assert.True(seed.ExitCode == 0, seed.Output);
            Seeded = CrashHarness.Inspect(seeded);

            var generated = Harness.NewDatabasePath("reference-generated");
            var generate = await Harness.GenerateAsync(generated, Generate);
            Assert.True(generate.ExitCode == 0, generate.Output);
            Generated = CrashHarness.Inspect(generated);
        }

        public Task DisposeAsync()
        {
            Harness.Dispose();
            return Task.CompletedTask;
        }
    }
}
