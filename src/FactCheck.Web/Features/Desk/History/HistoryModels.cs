using System.Globalization;
using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Desk.History;

/// <summary>One revision in the claim's history list; the snapshot itself is only read for a diff.</summary>
public sealed record RevisionRow(string EntityType, int EntityId, int Number, RevisionAction Action, string ChangedFields, string Author, string? Reason, DateTime CreatedAtUtc)
{
    public string Entity => HistoryService.EntityLabel(EntityType, EntityId);

    public string Time => CreatedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public string IsoTime => CreatedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

public enum DiffLineKind
{
    Unchanged,
    Inserted,
    Deleted,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>Two states of one entity compared line by line, and whether (and into what) the older one can be restored.</summary>
/// <param name="RestoreNote">What a restore of <paramref name="From"/> would do, said before the button.</param>
/// <param name="DraftVersion">The working draft's version token as this page saw it, sent back with a verdict restore.</param>
public sealed record RevisionDiff(
    string EntityType,
    int EntityId,
    int From,
    int To,
    int Latest,
    IReadOnlyList<DiffLine> Lines,
    bool CanRestore,
    string RestoreNote,
    int? DraftVersion)
{
    public string Entity => HistoryService.EntityLabel(EntityType, EntityId);

    public bool Identical => Lines.All(l => l.Kind == DiffLineKind.Unchanged);
}

/// <param name="Message">What was wrong with the revisions asked for, or what a restore did; null when nothing to say.</param>
public sealed record HistoryPageModel(int ClaimId, string ClaimSummary, string ClaimUrl, IReadOnlyList<RevisionRow> Revisions, RevisionDiff? Diff, string? Message);

/// <summary>The restore form's fields, as text: whatever was posted gets a message, never a binding error.</summary>
public sealed class RestoreInput
{
    public string? Entity { get; set; }

    public string? Id { get; set; }

    public string? Number { get; set; }

    public string? DraftVersion { get; set; }

    public string? Reason { get; set; }
}

/// <summary>What a restore did: the new revision's entity and number, or why nothing was saved.</summary>
public sealed record RestoreResult(bool Succeeded, string Message, string? EntityType = null, int EntityId = 0, int Number = 0);
