using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FactCheck.Data;

/// <summary>
/// What one save changes, read from the change tracker once, before the save, and shared by every step
/// that derives work from it: version tokens, current ratings, the search index, revisions and, after the
/// commit, the listeners. A new row's id is only known after the save, so <see cref="Rows"/> is filled in
/// then (<see cref="Resolve"/>), once per attempt: a retried attempt may give new rows other ids.
/// </summary>
public sealed class ChangeSet
{
    private readonly List<EntityEntry> _entries;
    private readonly List<EntityEntry> _reworded;
    private IReadOnlyList<ChangedRow>? _rows;

    private ChangeSet(List<EntityEntry> entries, List<RevisionWriter.Pending> revisions, List<EntityEntry> verdictsWithNewEvidence, List<EntityEntry> reworded)
    {
        _entries = entries;
        _reworded = reworded;
        Revisions = revisions;
        VersionedVerdicts = verdictsWithNewEvidence;
    }

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Every added, modified or deleted row with its key and foreign keys as saved. Read only after the save.</summary>
    public IReadOnlyList<ChangedRow> Rows => _rows ?? throw new InvalidOperationException("A change set's rows are known only once the save has given new rows their ids.");

    /// <summary>Revisions to write, described before the save: which fields changed is known then.</summary>
    internal IReadOnlyList<RevisionWriter.Pending> Revisions { get; }

    /// <summary>
    /// Verdicts whose version token moves on in this save: those edited, and those tracked unchanged whose
    /// evidence set changed, since the evidence is part of the draft a colleague may be editing too.
    /// </summary>
    internal IReadOnlyList<EntityEntry> VersionedVerdicts { get; }

    private static readonly string[] SimilarityProperties = [nameof(Claim.Quote), nameof(Claim.Summary), nameof(Claim.RetractedAtUtc), nameof(Claim.MergedIntoId)];

    /// <summary>Walks the tracker once; refuses changes to append-only rows before anything is written.</summary>
    internal static ChangeSet Collect(ChangeTracker tracker)
    {
        tracker.DetectChanges();
        var entries = new List<EntityEntry>();
        var revisions = new List<RevisionWriter.Pending>();
        var verdicts = new Dictionary<int, EntityEntry>();
        var verdictsWithEvidenceChanges = new HashSet<int>();
        var reworded = new List<EntityEntry>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is Verdict verdict && entry.State is EntityState.Unchanged or EntityState.Modified)
            {
                verdicts[verdict.Id] = entry;
            }

            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            RevisionWriter.EnsureAppendOnly(entry);
            entries.Add(entry);
            if (RevisionWriter.Describe(entry) is { } pending)
            {
                revisions.Add(pending);
            }

            if (entry.Entity is Claim && (entry.State is EntityState.Added or EntityState.Deleted || SimilarityProperties.Any(p => entry.Property(p).IsModified)))
            {
                reworded.Add(entry);
            }

            if (RevisionWriter.IsVerdictEvidenceLink(entry))
            {
                verdictsWithEvidenceChanges.Add((int)entry.Property(RevisionWriter.VerdictIdColumn).CurrentValue!);
            }
        }

        var versioned = verdicts.Values.Where(e => e.State == EntityState.Modified).ToList();
        versioned.AddRange(verdictsWithEvidenceChanges.Where(verdicts.ContainsKey).Select(id => verdicts[id]).Where(e => e.State == EntityState.Unchanged));
        return new ChangeSet(entries, revisions, versioned, reworded);
    }

    /// <summary>
    /// Reads the saved keys from the entries, not the entities: until changes are accepted (after the
    /// commit), a new row's generated key lives in its entry and the entity's property may still be 0.
    /// </summary>
    internal void Resolve()
    {
        var rows = new List<ChangedRow>(_entries.Count);
        foreach (var entry in _entries)
        {
            var deleted = entry.State == EntityState.Deleted;
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                if ((property.Metadata.IsPrimaryKey() || property.Metadata.IsForeignKey())
                    && (deleted ? property.OriginalValue : property.CurrentValue) is int value)
                {
                    keys[property.Metadata.Name] = value;
                }
            }

            rows.Add(new ChangedRow(entry.Metadata.Name, entry.Metadata.ClrType, entry.State, keys));
        }

        _rows = rows;
    }

    /// <summary>The ids of the changed rows of <typeparamref name="T"/>, in any state.</summary>
    public IReadOnlySet<int> IdsOf<T>() => Rows.Where(r => r.ClrType == typeof(T) && r.Id is not null).Select(r => r.Id!.Value).ToHashSet();

    /// <summary>Claims whose current rating may have moved: edited or added claims, and the claims of changed verdicts.</summary>
    internal IReadOnlySet<int> RatedClaimIds() => Rows
        .Where(r => (r.ClrType == typeof(Claim) && r.State != EntityState.Deleted) || r.ClrType == typeof(Verdict))
        .Select(r => r.ClrType == typeof(Claim) ? r.Id : r.Key(nameof(Verdict.ClaimId)))
        .OfType<int>()
        .ToHashSet();

    /// <summary>
    /// Claims whose listings may have moved (<see cref="Listings.ClaimListingWriter"/>): those whose rating may have,
    /// deleted ones, and those that gained or lost a topic.
    /// </summary>
    internal IReadOnlySet<int> ListedClaimIds()
    {
        var ids = RatedClaimIds().ToHashSet();
        ids.UnionWith(Rows.Where(r => r.ClrType == typeof(Claim) && r.State == EntityState.Deleted && r.Id is not null).Select(r => r.Id!.Value));
        ids.UnionWith(Rows.Where(r => r.EntityType == ClaimConfigurationNames.ClaimTopicsTable).Select(r => r.Key("ClaimsId")).OfType<int>());
        return ids;
    }

    /// <summary>
    /// Claims whose similar claims may have moved (<see cref="Similarity.SimilarClaimStore"/>): added or deleted, or
    /// with new words or a new publication state. Not a rating or a topic: suggestions are made from words alone.
    /// </summary>
    public IReadOnlySet<int> RewordedClaimIds()
    {
        _ = Rows;
        return _reworded.Select(e => e.Property(nameof(Claim.Id)) is var id && e.State == EntityState.Deleted ? id.OriginalValue : id.CurrentValue)
            .OfType<int>().ToHashSet();
    }

    /// <summary>Verdicts whose evidence set changed, by their saved ids (a new verdict's link only knows its id after the save).</summary>
    internal IReadOnlySet<int> VerdictsWithEvidenceChanges() => Rows
        .Where(r => r.EntityType == RevisionWriter.VerdictEvidenceTable)
        .Select(r => r.Key(RevisionWriter.VerdictIdColumn))
        .OfType<int>()
        .ToHashSet();
}

/// <summary>
/// One saved row: its EF entity type name (a join table's own name for many-to-many rows), its CLR type,
/// what happened to it, and its integer key and foreign-key values as saved (before the deletion, for a
/// deleted row).
/// </summary>
public sealed record ChangedRow(string EntityType, Type ClrType, EntityState State, IReadOnlyDictionary<string, int> Keys)
{
    public int? Id => Key("Id");

    public int? Key(string property) => Keys.TryGetValue(property, out var value) ? value : null;
}
