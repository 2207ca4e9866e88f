using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>An editor's account and their personal API token, both made by the `users` command.</summary>
public sealed record Editor(string Email, string Token);

/// <summary>The newsroom a proof run works in: editors' accounts and tokens made the way an operator makes them, and the claims they work on.</summary>
public static class Newsroom
{
    /// <summary>
    /// `users add EMAIL --role ROLE` with a random password on standard input, then `users token add EMAIL`, whose
    /// last line is the token. Several accounts at a time: each command is a process start of its own.
    /// </summary>
    public static async Task<List<Editor>> AddEditorsAsync(ProofStore store, int count, string role, string prefix, int parallel = 4)
    {
        var editors = new Editor[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:00}@proof.example");
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            var add = await RunRetryingBusyAsync(store, password + "\n", "users", "add", email, "--role", role);
            if (add.ExitCode != 0)
            {
                throw new InvalidOperationException($"users add {email} exited with {add.ExitCode}:\n{add.Output}");
            }

            var token = await RunRetryingBusyAsync(store, null, "users", "token", "add", email);
            var last = token.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (token.ExitCode != 0 || string.IsNullOrEmpty(last) || last.Contains(' ', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"users token add {email} exited with {token.ExitCode} and no token on its last line:\n{token.Output}");
            }

            editors[i] = new Editor(email, last);
        });
        return [.. editors];
    }

    /// <summary>Commands that SQLite refused with "database is locked" and that were run again, as a script would.</summary>
    public static int BusyRetries => _busyRetries;

    private static int _busyRetries;

    /// <summary>
    /// Runs a `users` command, again (up to five times) when it was refused for waiting on a colleague: SQLite's
    /// "database is locked", or on PostgreSQL the accounts' write lock not granted within the 30 s command timeout
    /// (reported as a transient failure; seen with four commands at once on a machine at load 17, each freshly
    /// started process holding the lock while it compiles). Either refusal saves nothing.
    /// </summary>
    private static async Task<(int ExitCode, string StandardOutput, string Output)> RunRetryingBusyAsync(ProofStore store, string? input, params string[] command)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await SiteProcess.RunCommandAsync(store.SiteArguments, input, command);
            if (result.ExitCode == 0 || attempt == 5 || (!result.Output.Contains("database is locked", StringComparison.Ordinal)
                && !result.Output.Contains("likely due to a transient failure", StringComparison.Ordinal)))
            {
                return result;
            }

            Interlocked.Increment(ref _busyRetries);
        }
    }

    /// <summary>The ids of the first <paramref name="count"/> claims the public API lists, creating claims through the editors' API when there are fewer.</summary>
    public static async Task<List<int>> ClaimsAsync(HttpClient http, EditorApiClient editor, int count)
    {
        var ids = await ListClaimIdsAsync(http);
        if (ids.Count >= count)
        {
            return [.. ids.Take(count)];
        }

        // A new claim must quote its document word for word: take distinct sentences of an archived source.
        const int sourceId = 1;
        var text = await http.GetStringAsync(string.Create(CultureInfo.InvariantCulture, $"api/sources/{sourceId}/text"));
        var made = 0;
        foreach (var (start, end) in Sentences(text))
        {
            if (ids.Count >= count)
            {
                break;
            }

            var created = await editor.PostAsync("api/editor/claims", NewClaim(sourceId, text, start, end, made++));
            if (created.Status != HttpStatusCode.Created || created.Body?["id"] is not JsonValue id)
            {
                Console.WriteLine($"  creating a claim answered {created.Code} {created.Failure} {created.Body?.ToJsonString()}; trying the next sentence");
                continue;
            }

            ids.Add((int)id);
        }

        if (ids.Count < count)
        {
            Console.WriteLine($"  going on with {ids.Count} claims");
        }

        return [.. ids.Take(count)];
    }

    /// <summary>Sentence spans of 40 to 240 characters, each ending at a full stop.</summary>
    private static IEnumerable<(int Start, int End)> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '.' || (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])))
            {
                continue;
            }

            while (start < i && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            if (i + 1 - start is >= 40 and <= 240)
            {
                yield return (start, i + 1);
            }

            start = i + 1;
        }
    }

    private static async Task<List<int>> ListClaimIdsAsync(HttpClient http)
    {
        var ids = new List<int>();
        using var response = await http.GetAsync("api/claims?pageSize=100");
        response.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        foreach (var item in page?["items"]?.AsArray() ?? [])
        {
            ids.Add((int)item!["id"]!);
        }

        return ids;
    }

    private static JsonObject NewClaim(int sourceId, string text, int start, int end, int n) => new()
    {
        ["sourceId"] = sourceId,
        ["quote"] = text[start..end],
        ["start"] = start,
        ["end"] = end,
        ["speaker"] = "Proof Speaker",
        ["summary"] = string.Create(CultureInfo.InvariantCulture, $"Proof claim {n}: {text[start..Math.Min(end, start + 80)]}"),
    };
}
