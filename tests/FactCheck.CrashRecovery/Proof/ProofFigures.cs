using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>Small helpers the proof runs share: markers, percentiles, the revision list's items.</summary>
public static partial class ProofFigures
{
    /// <summary>A run's markers: "P" + six hex digits of the run + "-" + the save's number, unique across runs.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];

    public static string Marker(string runId, int n) => string.Create(CultureInfo.InvariantCulture, $"P{runId}-{n}");

    /// <summary>Every marker of the run in a text (a revision's snapshot, an answer's JSON).</summary>
    public static IEnumerable<string> MarkersIn(string runId, string text) =>
        MarkerPattern().Matches(text).Select(m => m.Value).Where(m => m.AsSpan(1, 6).SequenceEqual(runId)).Distinct();

    public static string Percentiles(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return "no samples";
        }

        var sorted = milliseconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {At(0.50):0.0} ms, p95 {At(0.95):0.0} ms, p99 {At(0.99):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    /// <summary>The revisions endpoint's list: the answer itself when it is an array, else its items (or revisions) array.</summary>
    public static JsonArray RevisionItems(JsonNode? answer) => answer switch
    {
        JsonArray array => array,
        JsonObject o when o["items"] is JsonArray items => items,
        JsonObject o when o["revisions"] is JsonArray revisions => revisions,
        _ => [],
    };

    /// <summary>The draft's version in an ETag such as "\"7\"" or "W/\"v7\"": its last run of digits.</summary>
    public static long? VersionOf(string? etag) =>
        etag is not null && DigitsPattern().Matches(etag) is { Count: > 0 } runs && long.TryParse(runs[^1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    [GeneratedRegex(@"P[0-9a-f]{6}-[0-9]+")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex DigitsPattern();
}
