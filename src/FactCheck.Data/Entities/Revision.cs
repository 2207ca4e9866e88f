namespace FactCheck.Data.Entities;

public enum RevisionAction
{
    Created = 0,
    Updated = 1,
    Deleted = 2,
}

/// <summary>
/// One immutable state of a claim, verdict, evidence item or source: who changed it, when, what and why.
/// Written by <see cref="FactCheckDbContext"/> in the same transaction as the change itself, never by
/// hand; nothing updates or deletes a revision (the context refuses to save such a change).
/// </summary>
public class Revision
{
    public long Id { get; set; }

    /// <summary>The entity's type name: Claim, Verdict, Evidence or Source (<see cref="RevisionSubjects"/>).</summary>
    public required string EntityType { get; set; }

    public int EntityId { get; set; }

    /// <summary>1, 2, 3 ... per entity, so "revision 3 of claim 12" is a stable name for a state.</summary>
    public int Number { get; set; }

    public RevisionAction Action { get; set; }

    /// <summary>The entity's fields after the change as JSON (before it, for a deletion): the state itself, not a delta.</summary>
    public required string Snapshot { get; set; }

    /// <summary>Comma-separated names of the fields this change touched; empty for a creation.</summary>
    public required string ChangedFields { get; set; }

    public required string Author { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>The entity types that keep revisions, by the name stored in <see cref="Revision.EntityType"/>.</summary>
public static class RevisionSubjects
{
    public const string Claim = nameof(Entities.Claim);
    public const string Verdict = nameof(Entities.Verdict);
    public const string Evidence = nameof(Entities.Evidence);
    public const string Source = nameof(Entities.Source);

    /// <summary>Only a passage's moves and flags are revisions: re-anchored, lost, or resolved by an editor.</summary>
    public const string Passage = nameof(Entities.Passage);
}
