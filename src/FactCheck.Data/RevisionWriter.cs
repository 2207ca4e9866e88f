using System.Text.Json;
using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FactCheck.Data;

/// <summary>
/// Turns the entries of one save into revisions: a full snapshot of each changed claim, verdict, evidence
/// item and source, numbered per entity. A verdict whose evidence set changed gets a revision too, though
/// only its join rows changed.
/// </summary>
internal static class RevisionWriter
{
    // Bookkeeping the application changes on every save; a change to these alone is not an edit.
    private static readonly HashSet<string> Bookkeeping = [nameof(Verdict.Version), nameof(Verdict.UpdatedAtUtc), nameof(Verdict.UpdatedBy), nameof(Claim.CurrentRating), nameof(Claim.CurrentRatedBy)];

    private static readonly JsonSerializerOptions SnapshotJson = new() { WriteIndented = false };

    public const string VerdictEvidenceTable = "VerdictEvidence";

    public const string VerdictIdColumn = "VerdictId";

    /// <summary>Captured before the save: what was deleted is only readable then, and which fields changed.</summary>
    public sealed record Pending(EntityEntry Entry, string EntityType, RevisionAction Action, string ChangedFields);

    public static void EnsureAppendOnly(EntityEntry entry)
    {
        if (entry.Entity is Revision or AuditEntry or ClaimVersion && entry.State != EntityState.Added)
        {
            throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: nothing may update or delete one.");
        }
    }

    public static bool IsVerdictEvidenceLink(EntityEntry entry) =>
        entry.Metadata.Name == VerdictEvidenceTable && entry.State is EntityState.Added or EntityState.Deleted;

    /// <summary>The revision a changed entry needs, or null when it keeps none or only bookkeeping changed.</summary>
    public static Pending? Describe(EntityEntry entry)
    {
        var type = entry.Entity switch
        {
            Claim => RevisionSubjects.Claim,
            Verdict => RevisionSubjects.Verdict,
            Entities.Evidence => RevisionSubjects.Evidence,
            Source => RevisionSubjects.Source,

            // A new passage is part of the evidence or appearance that creates it; only its later moves are news.
            Passage when entry.State == EntityState.Modified => RevisionSubjects.Passage,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var action = entry.State switch
        {
            EntityState.Added => RevisionAction.Created,
            EntityState.Deleted => RevisionAction.Deleted,
            _ => RevisionAction.Updated,
        };
        var changed = action == RevisionAction.Updated ? ChangedFields(entry) : "";
        return action == RevisionAction.Updated && changed.Length == 0 ? null : new Pending(entry, type, action, changed);
    }

    /// <summary>Builds the revisions once the save has given new rows their ids. Call inside the save's transaction.</summary>
    public static async Task<List<Revision>> BuildAsync(
        FactCheckDbContext db, ChangeSet changes, ChangeAttribution attribution, DateTime now, CancellationToken cancellationToken)
    {
        var subjects = new List<(string Type, int Id, RevisionAction Action, string Changed, Dictionary<string, object?> Snapshot)>();
        foreach (var p in changes.Revisions)
        {
            var id = (int)p.Entry.Property("Id").CurrentValue!;
            subjects.Add((p.EntityType, id, p.Action, p.ChangedFields, Snapshot(p.Entry, p.Action == RevisionAction.Deleted)));
        }

        // A verdict whose only change was its evidence: snapshot it from the tracker if it is there.
        foreach (var verdictId in changes.VerdictsWithEvidenceChanges())
        {
            var index = subjects.FindIndex(s => s.Type == RevisionSubjects.Verdict && s.Id == verdictId);
            if (index >= 0)
            {
                var s = subjects[index];
                subjects[index] = s with { Changed = s.Action == RevisionAction.Updated ? Join(s.Changed, "Evidence") : s.Changed };
                continue;
            }

            var verdict = await db.Verdicts.FindAsync([verdictId], cancellationToken);
            if (verdict is not null)
            {
                subjects.Add((RevisionSubjects.Verdict, verdictId, RevisionAction.Updated, "Evidence", Snapshot(db.Entry(verdict), deleted: false)));
            }
        }

        var verdictIds = subjects.Where(s => s.Type == RevisionSubjects.Verdict && s.Action != RevisionAction.Deleted).Select(s => s.Id).ToList();
        if (verdictIds.Count > 0)
        {
            var links = await db.Set<Dictionary<string, object>>(VerdictEvidenceTable)
                .Where(l => verdictIds.Contains(EF.Property<int>(l, VerdictIdColumn)))
                .Select(l => new { VerdictId = EF.Property<int>(l, VerdictIdColumn), EvidenceId = EF.Property<int>(l, "EvidenceId") })
                .ToListAsync(cancellationToken);
            foreach (var s in subjects.Where(s => s.Type == RevisionSubjects.Verdict && s.Action != RevisionAction.Deleted))
            {
                s.Snapshot["EvidenceIds"] = links.Where(l => l.VerdictId == s.Id).Select(l => l.EvidenceId).Order().ToList();
            }
        }

        var revisions = new List<Revision>(subjects.Count);
        foreach (var group in subjects.GroupBy(s => s.Type))
        {
            var ids = group.Select(s => s.Id).Distinct().ToList();
            var last = await db.Revisions
                .Where(r => r.EntityType == group.Key && ids.Contains(r.EntityId))
                .GroupBy(r => r.EntityId)
                .Select(g => new { EntityId = g.Key, Number = g.Max(r => r.Number) })
                .ToDictionaryAsync(x => x.EntityId, x => x.Number, cancellationToken);
            foreach (var s in group)
            {
                var number = last.GetValueOrDefault(s.Id) + 1;
                last[s.Id] = number;
                revisions.Add(new Revision
                {
                    EntityType = s.Type,
                    EntityId = s.Id,
                    Number = number,
                    Action = s.Action,
                    Snapshot = JsonSerializer.Serialize(s.Snapshot, SnapshotJson),
                    ChangedFields = s.Changed,
                    Author = attribution.Author,
                    Reason = attribution.Reason,
                    CreatedAtUtc = now,
                });
            }
        }

        return revisions;
    }

    private static string ChangedFields(EntityEntry entry)
    {
        var names = entry.Properties.Where(p => p.IsModified && !p.Metadata.IsShadowProperty()).Select(p => p.Metadata.Name)
            .Concat(entry.ComplexProperties.Where(p => p.IsModified).Select(p => p.Metadata.Name))
            .Where(n => !Bookkeeping.Contains(n))
            .Distinct();
        return string.Join(",", names);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a},{b}";

    private static Dictionary<string, object?> Snapshot(EntityEntry entry, bool deleted)
    {
        var values = deleted ? entry.OriginalValues : entry.CurrentValues;
        var snapshot = new Dictionary<string, object?>();
        foreach (var property in entry.Metadata.GetProperties())
        {
            if (!property.IsShadowProperty() && !Bookkeeping.Contains(property.Name))
            {
                snapshot[property.Name] = values[property];
            }
        }

        foreach (var complex in entry.ComplexProperties)
        {
            snapshot[complex.Metadata.Name] = deleted ? complex.Metadata.GetGetter().GetClrValue(entry.Entity) : complex.CurrentValue;
        }

        return snapshot;
    }
}
