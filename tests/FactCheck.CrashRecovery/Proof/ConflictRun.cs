using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>
/// The conflict proof: many editors, each with a token of their own, send draft saves to a few claims through the
/// editors' API at once, some with a version they know is stale. Afterwards every acknowledged save must be in the
/// claim's revision history exactly once, every refused one must have been a 412, and each claim's draft must be
/// its last acknowledged save.
/// </summary>
public static class ConflictRun
{
    private static readonly string[] Ratings = ["half-true", "misleading", "unproven"];

    /// <summary>One PUT and what came of it.</summary>
    private sealed record Attempt(int Number, int Editor, int ClaimId, string Marker, DraftBody Draft, int Code, string? Failure, string? NewETag, bool Stale, double Milliseconds);

    public static async Task<bool> RunAsync(ProofOptions options)
    {
        Console.WriteLine($"conflicts [{options.Provider}]: {options.Editors} editors, {options.Saves} draft saves, {options.Claims} claims, seed {options.Seed}");
        await using var lab = await ProofLab.CreateAsync(options.Provider);
        var clock = Stopwatch.StartNew();
        await lab.StartInstancesAsync(1);
        var site = lab.Instances[0];
        Console.WriteLine($"  site serving after {clock.Elapsed.TotalSeconds:0.0} s; adding {options.Editors} editors with the users command");
        clock.Restart();
        var editors = await Newsroom.AddEditorsAsync(lab.Store, options.Editors, "editor", "conflict-editor");
        Console.WriteLine($"  {editors.Count} accounts and tokens in {clock.Elapsed.TotalSeconds:0.0} s ({Newsroom.BusyRetries} commands run again after \"database is locked\")");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var clients = editors.Select(e => new EditorApiClient(http, e.Token)).ToList();
        var claimIds = await Newsroom.ClaimsAsync(http, clients[0], options.Claims);
        var runId = ProofFigures.NewRunId();
        var attempts = new ConcurrentBag<Attempt>();
        var next = -1;
        var getLatencies = new ConcurrentBag<double>();

        clock.Restart();
        await Parallel.ForAsync(0, editors.Count, new ParallelOptions { MaxDegreeOfParallelism = editors.Count }, async (editor, cancellationToken) =>
        {
            var random = new Random(options.Seed * 1000 + editor);
            var client = clients[editor];
            var known = new Dictionary<int, string>();
            int number;
            while ((number = Interlocked.Increment(ref next)) < options.Saves)
            {
                var claimId = claimIds[random.Next(claimIds.Count)];

                // About a third of saves go out on a version this editor read earlier, whatever has happened since: stale on purpose.
                var stale = random.NextDouble() < 0.35 && known.ContainsKey(claimId);
                string? ifMatch;
                if (stale)
                {
                    ifMatch = known[claimId];
                }
                else
                {
                    var read = Stopwatch.StartNew();
                    var current = await client.GetDraftAsync(claimId, cancellationToken);
                    getLatencies.Add(read.Elapsed.TotalMilliseconds);
                    ifMatch = current.ETag;
                    if (ifMatch is not null)
                    {
                        known[claimId] = ifMatch;
                    }

                    // An editor reads, then types: a short pause widens the window for a colleague's save to land first.
                    await Task.Delay(random.Next(0, 25), cancellationToken);
                }

                var marker = ProofFigures.Marker(runId, number);
                var draft = new DraftBody(Ratings[number % Ratings.Length], $"Save {marker} by editor {editor}", $"The rationale of save {marker}.", []);
                var put = Stopwatch.StartNew();
                var answer = await client.PutDraftAsync(claimId, draft, ifMatch ?? "\"none\"", cancellationToken);
                var milliseconds = put.Elapsed.TotalMilliseconds;
                if (answer.Status == HttpStatusCode.OK && answer.ETag is not null)
                {
                    known[claimId] = answer.ETag;
                }

                attempts.Add(new Attempt(number, editor, claimId, marker, draft, answer.Code, answer.Failure, answer.ETag, stale, milliseconds));
            }
        });
        var wall = clock.Elapsed;

        var all = attempts.OrderBy(a => a.Number).ToList();
        var acknowledged = all.Where(a => a.Code == 200).ToList();
        var refused = all.Where(a => a.Code == 412).ToList();
        var other = all.Where(a => a.Code is not (200 or 412)).ToList();
        Console.WriteLine($"  sent {all.Count} saves in {wall.TotalSeconds:0.0} s ({all.Count / wall.TotalSeconds:0.0} saves/s): acknowledged (200) {acknowledged.Count}, refused (412) {refused.Count}, other {other.Count}");
        Console.WriteLine($"  saves on a stale version on purpose: {all.Count(a => a.Stale)}, of which refused {all.Count(a => a.Stale && a.Code == 412)}");
        foreach (var group in other.GroupBy(a => a.Code == 0 ? a.Failure ?? "no answer" : a.Code.ToString(CultureInfo.InvariantCulture)))
        {
            Console.WriteLine($"    other: {group.Key} x{group.Count()}");
        }

        Console.WriteLine($"  PUT latency {ProofFigures.Percentiles([.. all.Select(a => a.Milliseconds)])}; GET {ProofFigures.Percentiles([.. getLatencies])}");

        // The history through the API, as an editor or a newsroom system reads it.
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastInHistory = new Dictionary<int, string>();
        var revisionsSeen = 0;
        foreach (var claimId in claimIds)
        {
            var history = await clients[0].RevisionsAsync(claimId);
            if (history.Status != HttpStatusCode.OK)
            {
                Console.WriteLine($"  GET revisions of claim {claimId} answered {history.Code} {history.Failure}");
                continue;
            }

            foreach (var revision in ProofFigures.RevisionItems(history.Body))
            {
                var markers = ProofFigures.MarkersIn(runId, revision!.ToJsonString()).ToList();
                revisionsSeen += markers.Count > 0 ? 1 : 0;
                foreach (var marker in markers)
                {
                    found[marker] = found.GetValueOrDefault(marker) + 1;
                    lastInHistory[claimId] = marker;
                }
            }
        }

        var missing = acknowledged.Count(a => !found.ContainsKey(a.Marker));
        var duplicated = acknowledged.Count(a => found.GetValueOrDefault(a.Marker) > 1);
        var refusedButSaved = refused.Count(a => found.ContainsKey(a.Marker));
        var otherButSaved = other.Count(a => found.ContainsKey(a.Marker));
        Console.WriteLine($"  revision history (API): {revisionsSeen} revisions of this run found; acknowledged saves missing {missing}, duplicated {duplicated}; refused (412) but saved {refusedButSaved}; other answer but saved {otherButSaved}");

        // The stored revisions, read from the database itself: numbers 1..n per verdict with no gap and no repeat.
        var stored = await lab.Store.VerdictRevisionsAsync();
        var gaps = 0;
        var repeats = 0;
        foreach (var verdict in stored.GroupBy(r => r.VerdictId))
        {
            var numbers = verdict.Select(r => r.Number).ToList();
            repeats += numbers.Count - numbers.Distinct().Count();
            gaps += numbers.Max() - numbers.Distinct().Count();
        }

        var storedOfRun = stored.Count(r => ProofFigures.MarkersIn(runId, r.Snapshot).Any());
        Console.WriteLine($"  revision rows (database): {storedOfRun} of this run for {acknowledged.Count} acknowledged saves; revision-number gaps {gaps}, repeats {repeats}");

        // Each claim's draft now must be its last acknowledged save: the one holding the highest version.
        var mismatches = 0;
        var byEtag = acknowledged.All(a => ProofFigures.VersionOf(a.NewETag) is not null);
        foreach (var claimId in claimIds)
        {
            var mine = acknowledged.Where(a => a.ClaimId == claimId).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            var last = byEtag
                ? mine.MaxBy(a => ProofFigures.VersionOf(a.NewETag))!
                : mine.Single(a => a.Marker == lastInHistory.GetValueOrDefault(claimId));
            var now = await clients[0].GetDraftAsync(claimId);
            var draft = DraftBody.FromJson(now.Body);
            if (now.Status != HttpStatusCode.OK || draft is null || !draft.SameAs(last.Draft) || (byEtag && now.ETag != last.NewETag))
            {
                mismatches++;
                Console.WriteLine($"  claim {claimId}: the draft is {now.Code} {now.ETag} \"{draft?.Headline}\", the last acknowledged save was {last.NewETag} \"{last.Draft.Headline}\"");
            }
        }

        Console.WriteLine($"  final drafts: {claimIds.Count(c => acknowledged.Any(a => a.ClaimId == c))} claims checked against their last acknowledged save ({(byEtag ? "by the version in its ETag" : "by revision order")}), mismatches {mismatches}");
        var ok = other.Count == 0 && missing == 0 && duplicated == 0 && refusedButSaved == 0 && otherButSaved == 0 && gaps == 0 && repeats == 0
            && mismatches == 0 && storedOfRun == acknowledged.Count && all.Count == options.Saves;
        Console.WriteLine($"conflicts [{lab.Store.Name}]: {all.Count} saves, {acknowledged.Count} acknowledged, {refused.Count} refused with 412, {other.Count} other, {missing} lost, {duplicated} duplicated, {mismatches} final-draft mismatches: {(ok ? "PASS" : "FAIL")}");
        return ok;
    }
}
