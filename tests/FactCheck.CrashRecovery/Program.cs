using System.Diagnostics;
using System.Globalization;
using FactCheck.CrashRecovery;
using FactCheck.CrashRecovery.Proof;

// dotnet run --project tests/FactCheck.CrashRecovery -c Release -- [--iterations 100] [--seed 1]
// Kills the real application with SIGKILL at a random moment of a first start, a `seed` or the archive generator, starts it
// again, and checks that it recovers: the site answers, the archive is complete, and SQLite finds the file intact.
//
// ... -- conflicts --provider sqlite|postgres [--editors 50] [--saves 1000] [--claims 20]
// ... -- crashes --provider sqlite|postgres [--rounds 200] [--writers 8]
// The proof of issue 10 through the editors' API (tests/benchmarks/run-proof.sh runs both on both providers):
// see Proof/ConflictRun.cs, Proof/CrashRun.cs and docs/reliability.md.
if (args is ["conflicts", ..])
{
    return await ConflictRun.RunAsync(ProofOptions.Parse(args)) ? 0 : 1;
}

if (args is ["crashes", ..])
{
    return await CrashRun.RunAsync(ProofOptions.Parse(args)) ? 0 : 1;
}

var iterations = IntOption(args, "--iterations", 100);
var random = new Random(IntOption(args, "--seed", 1));
const string GenerateClaims = "300";

using var harness = new CrashHarness();
Console.WriteLine($"Reference runs in {harness.Directory}");
var referencePath = harness.NewDatabasePath("reference");
var clock = Stopwatch.StartNew();
Require(await harness.RunAsync(referencePath, "seed"), "seed");
var seedTime = clock.Elapsed;
var reference = CrashHarness.Inspect(referencePath);

var generatedPath = harness.NewDatabasePath("reference-generated");
clock.Restart();
Require(await harness.GenerateAsync(generatedPath, "--claims", GenerateClaims), "generate");
var generateTime = clock.Elapsed;
var generatedReference = CrashHarness.Inspect(generatedPath);
Console.WriteLine($"A clean seed takes {seedTime.TotalSeconds:0.0} s, a clean generate of {GenerateClaims} claims {generateTime.TotalSeconds:0.0} s; kills fall at random within those spans.");

int kills = 0, recovered = 0, corrupt = 0;
for (var i = 1; i <= iterations; i++)
{
    var path = harness.NewDatabasePath($"run-{i}");
    var kind = (i % 5) switch { 0 => "generate", 1 or 3 => "site", _ => "seed" };
    var span = kind == "generate" ? generateTime : seedTime;
    var moment = KillMoment.After(TimeSpan.FromMilliseconds(random.NextDouble() * span.TotalMilliseconds));
    var kill = kind switch
    {
        "generate" => await harness.GenerateAndKillAsync(path, moment, "--claims", GenerateClaims),
        "site" => await harness.StartAndKillAsync(path, moment, "--urls", "http://127.0.0.1:0"),
        _ => await harness.StartAndKillAsync(path, moment, "seed"),
    };
    if (!kill.KilledWhileRunning)
    {
        Console.WriteLine($"#{i} {kind} {moment}: finished before the kill; not counted");
        continue;
    }

    kills++;
    var problem = await RecoverAsync(path, kind);
    var state = File.Exists(path) ? CrashHarness.Inspect(path) : null;
    if (state is { Intact: false })
    {
        corrupt++;
        Console.WriteLine($"#{i} {kind} killed {moment}: CORRUPT: {string.Join("; ", state.Problems)}");
        continue;
    }

    var expected = kind == "generate" ? generatedReference : reference;
    var differences = state?.DifferencesFrom(expected) ?? ["no database file"];
    if (problem is null && differences.Count == 0)
    {
        recovered++;
        Console.WriteLine($"#{i} {kind} killed {moment}: recovered");
    }
    else
    {
        Console.WriteLine($"#{i} {kind} killed {moment}: NOT RECOVERED: {problem ?? string.Join("; ", differences)}");
    }

    File.Delete(path);
}

Console.WriteLine($"{kills} kills, {recovered} recovered, {corrupt} corrupt");
return kills == recovered ? 0 : 1;

// The next start, then the command again: the archive must end up complete, once.
async Task<string?> RecoverAsync(string path, string kind)
{
    if (kind == "generate")
    {
        var again = await harness.GenerateAsync(path, "--claims", GenerateClaims);

        // A kill after the generator's commit leaves a complete archive, which a second run rightly refuses to add to.
        if (again.ExitCode != 0 && !(again.ExitCode == 1 && again.Output.Contains("already holds a synthetic archive", StringComparison.Ordinal)))
        {
            return $"generate again: {Describe(again)}";
        }

        return await harness.SiteAnswersAsync(path);
    }

    if (await harness.SiteAnswersAsync(path) is { } siteProblem)
    {
        return siteProblem;
    }

    var seed = await harness.RunAsync(path, "seed");
    return seed.ExitCode == 0 ? null : $"seed again: {Describe(seed)}";
}

static string Describe(ChildResult result) =>
    result.Hung ? $"hung for {CrashHarness.HangLimit.TotalSeconds:0} s:\n{result.Output}" : $"exit code {result.ExitCode}:\n{result.Output}";

static void Require(ChildResult result, string what)
{
    if (result.ExitCode != 0)
    {
        Console.Error.WriteLine($"The clean reference `{what}` failed: {Describe(result)}");
        Environment.Exit(2);
    }
}

static int IntOption(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : fallback;
}
