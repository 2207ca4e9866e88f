using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>
/// The crash proof: writers save drafts through the editors' API without pause while, round after round, an
/// instance is killed with SIGKILL (SQLite: the only one; PostgreSQL: one of two, and every fourth round the
/// PostgreSQL server itself with `pg_ctl stop -m immediate`). After each round the killed process is started again
/// and the run checks that every save answered 200 is in the stored revisions, that the provider's integrity checks
/// pass, and that every instance serves the home page and a claim page.
/// </summary>
public static class CrashRun
{
    private static readonly TimeSpan ServeLimit = TimeSpan.FromSeconds(90);

    private sealed record Save(int Round, string Marker, int ClaimId);

    public static async Task<bool> RunAsync(ProofOptions options)
    {
        var postgres = options.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase);
        var instanceCount = postgres ? 2 : 1;
        Console.WriteLine($"crashes [{options.Provider}]: {options.Rounds} rounds, {options.Writers} writers, {instanceCount} instance(s), seed {options.Seed}");
        await using var lab = await ProofLab.CreateAsync(options.Provider);
        await lab.StartInstancesAsync(instanceCount);
        var editors = await Newsroom.AddEditorsAsync(lab.Store, options.Writers, "editor", "crash-writer");
        var http = lab.Instances.Select(i => new HttpClient { BaseAddress = i.BaseAddress, Timeout = TimeSpan.FromSeconds(20) }).ToList();
        var claimIds = await Newsroom.ClaimsAsync(http[0], new EditorApiClient(http[0], editors[0].Token), Math.Max(options.Writers, Math.Min(options.Claims, 20)));
        var claimPath = await ClaimPathAsync(http[0]);
        var runId = ProofFigures.NewRunId();
        var random = new Random(options.Seed);

        var acknowledged = new ConcurrentBag<Save>();
        var unanswered = 0;
        var unreadable = 0;
        var refused = 0;
        var serverErrors = 0;
        var number = 0;
        int lost = 0, integrityFailures = 0, notServing = 0, instanceKills = 0, serverKills = 0;
        var roundClock = Stopwatch.StartNew();
        for (var round = 1; round <= options.Rounds; round++)
        {
            roundClock.Restart();
            var before = (await lab.Store.VerdictRevisionsAsync()).Select(r => r.Id).DefaultIfEmpty(0).Max();
            var killServer = postgres && round % 4 == 0;
            var victim = killServer ? -1 : (round - 1) % instanceCount;
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, options.Writers).Select(w => Task.Run(async () =>
            {
                // Each writer keeps to its own claims and instance: the saves that fail are the crash's, not a colleague's.
                var client = new EditorApiClient(http[w % instanceCount], editors[w].Token);
                var mine = claimIds.Where((_, i) => i % options.Writers == w).ToList();
                var turn = 0;
                while (!stop.IsCancellationRequested)
                {
                    var claimId = mine[turn++ % mine.Count];
                    var current = await client.GetDraftAsync(claimId);
                    if (current.ETag is null)
                    {
                        Interlocked.Increment(ref unreadable);
                        await Task.Delay(50);
                        continue;
                    }

                    var marker = ProofFigures.Marker(runId, Interlocked.Increment(ref number));
                    var answer = await client.PutDraftAsync(claimId, new DraftBody("unproven", $"Crash round {round}: save {marker}", $"Saved as {marker}.", []), current.ETag);
                    switch (answer.Code)
                    {
                        case 200:
                            acknowledged.Add(new Save(round, marker, claimId));
                            break;
                        case 412:
                            Interlocked.Increment(ref refused);
                            break;
                        case 0:
                            Interlocked.Increment(ref unanswered);
                            await Task.Delay(50);
                            break;
                        default:
                            Interlocked.Increment(ref serverErrors);
                            await Task.Delay(50);
                            break;
                    }
                }
            })).ToList();

            // The kill falls while the writers are saving: once this round has its first acknowledged saves (a
            // restarted instance takes a while to answer at all), then after a random further delay.
            var started = Stopwatch.StartNew();
            while (acknowledged.Count(s => s.Round == round) < 3 && started.Elapsed < ServeLimit)
            {
                await Task.Delay(20);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000)));
            string what;
            if (killServer)
            {
                await lab.Cluster!.StopImmediateAsync();
                serverKills++;
                what = "PostgreSQL server (pg_ctl stop -m immediate)";
            }
            else
            {
                lab.Instances[victim].Kill();
                instanceKills++;
                what = string.Create(CultureInfo.InvariantCulture, $"instance {victim + 1} of {instanceCount} (SIGKILL)");
            }

            // Writers go on a moment against what is left (on PostgreSQL the other instance keeps serving), then stop.
            await Task.Delay(300);
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            if (killServer)
            {
                await lab.Cluster!.StartServerAsync();
            }

            // SQLite is checked while no process has the file open; PostgreSQL once the server is up again.
            var problems = await lab.Store.IntegrityProblemsAsync();
            if (!killServer)
            {
                await lab.RestartAsync(victim);
            }

            var serving = await AllServeAsync(lab, claimPath);
            var stored = (await lab.Store.VerdictRevisionsAsync(before)).SelectMany(r => ProofFigures.MarkersIn(runId, r.Snapshot)).ToHashSet(StringComparer.Ordinal);
            var thisRound = acknowledged.Where(s => s.Round == round).ToList();
            var roundLost = thisRound.Count(s => !stored.Contains(s.Marker));
            lost += roundLost;
            integrityFailures += problems.Count > 0 ? 1 : 0;
            notServing += serving is null ? 0 : 1;
            var verdict = roundLost == 0 && problems.Count == 0 && serving is null ? "ok" : "FAILED";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: killed {what}; {thisRound.Count} acknowledged, {roundLost} lost; integrity {(problems.Count == 0 ? "ok" : string.Join("; ", problems.Take(5)))}; {serving ?? "serving"}; {roundClock.Elapsed.TotalSeconds:0.0} s: {verdict}"));
        }

        // Every acknowledged save of every round, once more at the end: a later round must not have lost an earlier one's.
        var all = (await lab.Store.VerdictRevisionsAsync()).SelectMany(r => ProofFigures.MarkersIn(runId, r.Snapshot)).ToHashSet(StringComparer.Ordinal);
        var lostAtEnd = acknowledged.Count(s => !all.Contains(s.Marker));
        Console.WriteLine($"  writes: {acknowledged.Count} acknowledged, {refused} refused with 412, {serverErrors} answered 5xx or other, {unanswered} without an answer (connection refused or reset during a kill); {unreadable} draft reads failed");
        var ok = lost == 0 && lostAtEnd == 0 && integrityFailures == 0 && notServing == 0;
        Console.WriteLine($"crashes [{lab.Store.Name}]: {options.Rounds} rounds ({instanceKills} instance kills, {serverKills} server kills), {acknowledged.Count} acknowledged writes, {Math.Max(lost, lostAtEnd)} lost, {integrityFailures} integrity failures, {notServing} rounds not serving: {(ok ? "PASS" : "FAIL")}");
        foreach (var client in http)
        {
            client.Dispose();
        }

        return ok;
    }

    /// <summary>Null when every instance answers / and the claim page with 200 within the limit; else what did not.</summary>
    private static async Task<string?> AllServeAsync(ProofLab lab, string claimPath)
    {
        var clock = Stopwatch.StartNew();
        foreach (var instance in lab.Instances)
        {
            using var http = new HttpClient { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            string? problem = "not tried";
            while (clock.Elapsed < ServeLimit)
            {
                problem = null;
                foreach (var path in new[] { "/", claimPath })
                {
                    try
                    {
                        using var response = await http.GetAsync(path);
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            problem = $"{path} answered {(int)response.StatusCode}";
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        problem = $"{path}: {e.Message}";
                    }
                }

                if (problem is null)
                {
                    break;
                }

                await Task.Delay(200);
            }

            if (problem is not null)
            {
                return $"instance on port {instance.Port} not serving after {ServeLimit.TotalSeconds:0} s: {problem}";
            }
        }

        return null;
    }

    private static async Task<string> ClaimPathAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/claims?pageSize=1");
        response.EnsureSuccessStatusCode();
        var url = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["items"]?[0]?["url"] ?? throw new InvalidOperationException("/api/claims lists no claim");
        return Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : url;
    }
}
