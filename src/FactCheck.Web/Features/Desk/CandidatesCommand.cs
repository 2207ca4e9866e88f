using System.Text.Encodings.Web;
using System.Text.Json;
using FactCheck.Data;
using FactCheck.Data.Candidates;
using FactCheck.Data.Setup;
using FactCheck.Web.Hosting;

namespace FactCheck.Web.Features.Desk;

/// <summary>
/// `candidates FILE`: the claim candidates of a document for scripts and newsroom pipelines, one JSON object a
/// line on standard output (speaker, role, quote, start, end, similar), against the site's database, migrated and
/// seeded as an ordinary start would. Standard output carries nothing else: the log goes to standard error
/// (see <see cref="LoggingExtensions"/>).
/// </summary>
public static class CandidatesCommand
{
    public const string Name = "candidates";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Names and quotes stay readable (Türk, “…”); the output is a data stream, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> operands)
    {
        if (operands is not [var path])
        {
            throw new CommandLineException("candidates takes one FILE: candidates FILE");
        }

        // Read before the database is touched, so a mistyped path fails fast and changes nothing.
        var text = await ReadAsync(path);
        await services.GetRequiredService<DatabaseSetup>().PrepareForSiteAsync();

        var db = services.GetRequiredService<FactCheckDbContext>();
        var output = Console.Out;
        foreach (var (candidate, similar) in await CandidateSuggestions.ForTextAsync(db, text))
        {
            var line = new CandidateLine(candidate.Speaker, candidate.Role, candidate.Quote, candidate.Start, candidate.End, similar);
            await output.WriteLineAsync(JsonSerializer.Serialize(line, Json));
        }

        await output.FlushAsync();
        return 0;
    }

    private static async Task<string> ReadAsync(string path)
    {
        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{path} cannot be read: {ex.Message}", ex);
        }
    }

    private sealed record CandidateLine(string Speaker, string? Role, string Quote, int Start, int End, IReadOnlyList<SimilarExistingClaim> Similar);
}
