using System.Globalization;
using System.Text.Json;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Desk.History;

/// <summary>
/// A revision's snapshot as lines a person reads and a line diff can compare: "Field: value", with long
/// texts (a rationale's Markdown, a document's text, a quote) one line of the text per line, so that a
/// changed sentence shows as that line changed rather than the whole field.
/// </summary>
public static class SnapshotText
{
    // Shown in the diff, never restored, and the same in every revision of an entity.
    private static readonly HashSet<string> Hidden = ["Id"];

    // Always written as a block, even while they are one line, so that adding a paragraph shows as one line added.
    private static readonly HashSet<string> LongTexts =
        [nameof(Verdict.RationaleMarkdown), nameof(Source.Text), nameof(Claim.Quote), nameof(Evidence.Note), nameof(Verdict.CorrectionNote), nameof(Verdict.ReviewComment)];

    public static Dictionary<string, JsonElement> Parse(string snapshot)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(snapshot) ?? [];
        }
        catch (JsonException)
        {
            // A revision is never rewritten, so one that does not parse is shown as nothing rather than breaking the page.
            return [];
        }
    }

    public static string Lines(string snapshot)
    {
        var lines = new List<string>();
        foreach (var (field, value) in Parse(snapshot))
        {
            if (Hidden.Contains(field))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && (LongTexts.Contains(field) || text.Contains('\n', StringComparison.Ordinal)))
            {
                lines.Add(field + ":");
                lines.AddRange(text.ReplaceLineEndings("\n").Split('\n').Select(line => "    " + line));
            }
            else
            {
                lines.Add(field + ": " + Value(field, value));
            }
        }

        return string.Join("\n", lines);
    }

    private static string Value(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "(none)",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String when field.EndsWith("Utc", StringComparison.Ordinal) => Instant(value.GetString()),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number when value.TryGetInt32(out var number) => Named(field, number),
        JsonValueKind.Array => value.GetArrayLength() == 0 ? "(none)" : string.Join(", ", value.EnumerateArray().Select(v => Value("", v))),
        JsonValueKind.Object when TryReportedDate(value, out var date) => date.ToIsoString(),
        _ => value.GetRawText(),
    };

    // A time written by a fresh save carries "Z" and one read back from SQLite does not, though both are UTC:
    // shown alike, so that a diff does not report a change nobody made.
    private static string Instant(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : text ?? "";

    // Enums are stored as numbers; the diff names them as the desk does.
    private static string Named(string field, int number) => field switch
    {
        nameof(Verdict.Rating) when Enum.IsDefined((Rating)number) => RatingScale.Get((Rating)number).Label,
        nameof(Verdict.Status) when Enum.IsDefined((VerdictStatus)number) => ((VerdictStatus)number).ToString(),
        nameof(Evidence.Stance) when Enum.IsDefined((Stance)number) => ((Stance)number).ToString(),
        nameof(Source.Kind) when Enum.IsDefined((SourceKind)number) => ((SourceKind)number).ToString(),
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A <see cref="ReportedDate"/> as the snapshot holds it: {"Date":"2021-12-01","Precision":1,...}.</summary>
    public static bool TryReportedDate(JsonElement value, out ReportedDate date)
    {
        date = default;
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty(nameof(ReportedDate.Date), out var day)
            && day.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(day.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && value.TryGetProperty(nameof(ReportedDate.Precision), out var precision)
            && precision.TryGetInt32(out var p)
            && Enum.IsDefined((DatePrecision)p))
        {
            date = new ReportedDate(parsed, (DatePrecision)p);
            return true;
        }

        return false;
    }
}
