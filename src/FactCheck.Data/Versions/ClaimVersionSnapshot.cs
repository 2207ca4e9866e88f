using System.Text.Json;
using System.Text.Json.Serialization;

namespace FactCheck.Data.Versions;

/// <summary>
/// A claim page as a reader saw it, stored whole in <see cref="Entities.ClaimVersion.Snapshot"/>. It names no
/// other row for its content: the claimant's name, the verdicts' text and the cited passages' words and
/// documents are copied in, so version n renders the same after any later edit, deletion or schema change.
/// Dates are ISO text ("2021-12", "2021-12-05") and enums their names, so the JSON reads without this
/// code. A change of shape adds a <see cref="Schema"/> number and a reader for it; old rows are never rewritten.
/// </summary>
public sealed record ClaimVersionSnapshot(
    int ClaimId,
    string Slug,
    string Quote,
    bool IsVerbatim,
    string Summary,
    SnapshotClaimant Claimant,
    string SaidOn,
    string? SaidWhere,
    SnapshotRetraction? Retraction,
    SnapshotMerge? MergedInto,
    IReadOnlyList<SnapshotVerdict> Verdicts,
    IReadOnlyList<SnapshotEvidence> Evidence)
{
    public const int CurrentSchema = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The shape this snapshot was written in; readers check it before trusting the rest.</summary>
    public int Schema { get; init; } = CurrentSchema;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a stored snapshot; throws on a schema this code does not know rather than guessing.</summary>
    public static ClaimVersionSnapshot FromJson(string json)
    {
        var snapshot = JsonSerializer.Deserialize<ClaimVersionSnapshot>(json, Json)
            ?? throw new JsonException("A claim version snapshot is empty.");
        return snapshot.Schema == CurrentSchema
            ? snapshot
            : throw new JsonException($"Claim version snapshot schema {snapshot.Schema} is not known to this version of the site.");
    }
}

public sealed record SnapshotClaimant(string Name, string Kind, string? Role, string? Affiliation, string Slug);

public sealed record SnapshotRetraction(DateTime AtUtc, string? Reason);

public sealed record SnapshotMerge(int ClaimId, DateTime? AtUtc);

/// <summary>A published verdict; the first of a snapshot's list is the current one (the rule of <see cref="Verdicts.CurrentVerdict"/>).</summary>
public sealed record SnapshotVerdict(
    int Id,
    string Rating,
    string Headline,
    string RationaleMarkdown,
    string Author,
    string AsOf,
    string? PublishedOn,
    DateTime? PublishedAtUtc,
    string? CorrectionNote,
    string? ClaimReviewed);

/// <summary>An evidence item with the passage's words and the document's details as they were cited.</summary>
public sealed record SnapshotEvidence(
    int Id,
    string Stance,
    string Organization,
    string FoundOn,
    string Note,
    SnapshotPassage Passage,
    SnapshotSource Source);

public sealed record SnapshotPassage(int Id, string Exact, string Prefix, string Suffix, bool Lost);

public sealed record SnapshotSource(int Id, string Slug, string Title, string Publisher, string PublishedOn, string? OriginalUrl, string? ArchiveUrl);
