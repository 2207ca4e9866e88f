using System.Globalization;
using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.History;

/// <summary>
/// A claim's history on the desk: every revision of the claim, of its verdicts, of its evidence and of the
/// sources that evidence cites; a line diff of any two revisions of one of them; and restoring an old
/// revision, which saves the old values as a new revision and never touches the old ones.
/// </summary>
public sealed class HistoryService(FactCheckDbContext db)
{
    public const int ReasonMaxLength = 500;

    // Unchanged lines kept either side of a change; longer unchanged runs (a document's text) are folded.
    private const int Context = 3;

    private static readonly string[] EntityTypes = [RevisionSubjects.Claim, RevisionSubjects.Verdict, RevisionSubjects.Evidence, RevisionSubjects.Source];

    public static string Path(int claimId) => string.Create(CultureInfo.InvariantCulture, $"/editor/claims/{claimId}/history");

    public static string DiffUrl(int claimId, string entityType, int entityId, int from, int to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path(claimId)}?entity={entityType}&id={entityId}&from={from}&to={to}");

    public static string EntityLabel(string entityType, int entityId) => string.Create(CultureInfo.InvariantCulture, $"{entityType} {entityId}");

    /// <summary>Null when there is no such claim; otherwise the history, the diff asked for, and a message for anything wrong in the request.</summary>
    public async Task<HistoryPageModel?> GetAsync(int claimId, string? entity, string? id, string? from, string? to, CancellationToken cancellationToken = default)
    {
        var subjects = await SubjectsAsync(claimId, cancellationToken);
        if (subjects is null)
        {
            return null;
        }

        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => (r.EntityType == RevisionSubjects.Claim && r.EntityId == claimId)
                || (r.EntityType == RevisionSubjects.Verdict && subjects.Verdicts.Contains(r.EntityId))
                || (r.EntityType == RevisionSubjects.Evidence && subjects.Evidence.Contains(r.EntityId))
                || (r.EntityType == RevisionSubjects.Source && subjects.Sources.Contains(r.EntityId)))
            .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new RevisionRow(r.EntityType, r.EntityId, r.Number, r.Action, r.ChangedFields, r.Author, r.Reason, r.CreatedAtUtc))
            .ToListAsync(cancellationToken);

        RevisionDiff? diff = null;
        string? message = null;
        if (!string.IsNullOrEmpty(entity) || !string.IsNullOrEmpty(id) || !string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
        {
            (diff, message) = await DiffAsync(subjects, entity, id, from, to, cancellationToken);
        }

        return new HistoryPageModel(claimId, subjects.Summary, SiteUrls.Claim(claimId, subjects.Slug), revisions, diff, message);
    }

    /// <summary>
    /// Applies revision <see cref="RestoreInput.Number"/>'s fields to its entity (a verdict's go into the claim's
    /// working draft when the verdict is published) and saves them as a new revision attributed to
    /// <paramref name="author"/> with the reason "Restored revision N: ...".
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(int claimId, RestoreInput input, string author, CancellationToken cancellationToken = default)
    {
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Refused("Give a reason for restoring this revision: it goes on the record with the new revision.");
        }

        if (reason.Length > ReasonMaxLength)
        {
            return Refused($"The reason is {reason.Length} characters long; keep it under {ReasonMaxLength}.");
        }

        var subjects = await SubjectsAsync(claimId, cancellationToken);
        if (subjects is null)
        {
            return Refused("There is no such claim.");
        }

        if (!TryEntity(input.Entity, out var entityType) || !TryNumber(input.Id, out var entityId) || !subjects.Contains(entityType, entityId))
        {
            return Refused("That is not a claim, verdict, evidence item or source in this claim's history.");
        }

        if (!TryNumber(input.Number, out var number))
        {
            return Refused("Choose a revision number to restore.");
        }

        var revision = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.EntityType == entityType && r.EntityId == entityId && r.Number == number, cancellationToken);
        if (revision is null)
        {
            return Refused($"{EntityLabel(entityType, entityId)} has no revision {number}.");
        }

        if (revision.Action == RevisionAction.Deleted)
        {
            return Refused($"Revision {number} records a deletion; restore the revision before it instead.");
        }

        var snapshot = SnapshotText.Parse(revision.Snapshot);
        db.Attribution = new ChangeAttribution(author, $"Restored revision {number}: {reason}");
        try
        {
            return entityType switch
            {
                RevisionSubjects.Verdict => await RestoreVerdictAsync(claimId, entityId, number, snapshot, input.DraftVersion, author, cancellationToken),
                _ => await RestoreFieldsAsync(entityType, entityId, number, snapshot, cancellationToken),
            };
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refused("Someone saved this record while you were restoring it; nothing was restored. Look at the history again and restore if you still want to.");
        }
        catch (DbUpdateException)
        {
            // The one-working-draft index: a colleague created the claim's draft at the same moment.
            return Refused("A working draft for this claim was created while you were restoring; nothing was restored. Look at the history again and restore into that draft.");
        }
    }

    private async Task<RestoreResult> RestoreFieldsAsync(string entityType, int entityId, int number, Dictionary<string, JsonElement> snapshot, CancellationToken cancellationToken)
    {
        object? entity = entityType switch
        {
            RevisionSubjects.Claim => await db.Claims.FindAsync([entityId], cancellationToken),
            RevisionSubjects.Evidence => await db.Evidence.FindAsync([entityId], cancellationToken),
            _ => await db.Sources.FindAsync([entityId], cancellationToken),
        };
        if (entity is null)
        {
            return Refused($"{EntityLabel(entityType, entityId)} no longer exists, so there is nothing to restore it into.");
        }

        var snapshotFields = new SnapshotFields(snapshot);
        switch (entity)
        {
            case Claim claim:
                claim.Quote = snapshotFields.Text(nameof(Claim.Quote)) ?? claim.Quote;
                claim.IsVerbatim = snapshotFields.Flag(nameof(Claim.IsVerbatim)) ?? claim.IsVerbatim;
                claim.Summary = snapshotFields.Text(nameof(Claim.Summary)) ?? claim.Summary;
                claim.Slug = snapshotFields.Text(nameof(Claim.Slug)) ?? claim.Slug;
                claim.SaidOn = snapshotFields.Date(nameof(Claim.SaidOn)) ?? claim.SaidOn;
                claim.SaidWhere = snapshotFields.NullableText(nameof(Claim.SaidWhere), claim.SaidWhere);
                break;
            case Evidence evidence:
                evidence.Stance = snapshotFields.Enum<Stance>(nameof(Evidence.Stance)) ?? evidence.Stance;
                evidence.Note = snapshotFields.Text(nameof(Evidence.Note)) ?? evidence.Note;
                evidence.Organization = snapshotFields.Text(nameof(Evidence.Organization)) ?? evidence.Organization;
                evidence.FoundOn = snapshotFields.Date(nameof(Evidence.FoundOn)) ?? evidence.FoundOn;
                break;
            case Source source:
                // Not the text: passages are offsets into it, and the archived words must stay the words that were cited.
                source.Title = snapshotFields.Text(nameof(Source.Title)) ?? source.Title;
                source.Kind = snapshotFields.Enum<SourceKind>(nameof(Source.Kind)) ?? source.Kind;
                source.Publisher = snapshotFields.Text(nameof(Source.Publisher)) ?? source.Publisher;
                source.Author = snapshotFields.NullableText(nameof(Source.Author), source.Author);
                source.PublishedOn = snapshotFields.Date(nameof(Source.PublishedOn)) ?? source.PublishedOn;
                source.OriginalUrl = snapshotFields.NullableText(nameof(Source.OriginalUrl), source.OriginalUrl);
                source.ArchiveUrl = snapshotFields.NullableText(nameof(Source.ArchiveUrl), source.ArchiveUrl);
                source.Language = snapshotFields.Text(nameof(Source.Language)) ?? source.Language;
                source.AttributionNote = snapshotFields.NullableText(nameof(Source.AttributionNote), source.AttributionNote);
                break;
        }

        return await SaveRestoreAsync(entityType, entityId, number, $"Restored revision {number} of {EntityLabel(entityType, entityId).ToLowerInvariant()}.", cancellationToken);
    }

    private async Task<RestoreResult> RestoreVerdictAsync(
        int claimId, int verdictId, int number, Dictionary<string, JsonElement> snapshot, string? postedVersion, string author, CancellationToken cancellationToken)
    {
        var verdict = await db.Verdicts.Include(v => v.Evidence).FirstOrDefaultAsync(v => v.Id == verdictId, cancellationToken);
        if (verdict is null)
        {
            return Refused($"{EntityLabel(RevisionSubjects.Verdict, verdictId)} no longer exists, so there is nothing to restore it into.");
        }

        // A published verdict is the public record: its revision goes into the working draft instead, to be
        // reviewed and published like any other change.
        var draft = verdict.Status == VerdictStatus.Published
            ? await db.Verdicts.Include(v => v.Evidence).FirstOrDefaultAsync(v => v.ClaimId == claimId && v.Status != VerdictStatus.Published, cancellationToken)
            : verdict;
        var fields = new SnapshotFields(snapshot);
        var ledger = await db.Evidence.Where(e => e.ClaimId == claimId).ToListAsync(cancellationToken);
        var evidenceIds = fields.Numbers("EvidenceIds");
        var evidence = ledger.Where(e => evidenceIds.Contains(e.Id)).ToList();
        var missing = evidenceIds.Count - evidence.Count;
        var note = missing > 0 ? $" {missing} of its evidence items are no longer in the claim's ledger and were left out." : "";
        if (draft is null)
        {
            var now = DateTime.UtcNow;
            draft = new Verdict
            {
                ClaimId = claimId,
                Status = VerdictStatus.Draft,
                Rating = fields.Enum<Rating>(nameof(Verdict.Rating)) ?? verdict.Rating,
                Headline = fields.Text(nameof(Verdict.Headline)) ?? verdict.Headline,
                RationaleMarkdown = fields.Text(nameof(Verdict.RationaleMarkdown)) ?? verdict.RationaleMarkdown,
                AsOf = fields.Date(nameof(Verdict.AsOf)) ?? verdict.AsOf,
                Author = fields.Text(nameof(Verdict.Author)) ?? author,
                CreatedAtUtc = now,
                UpdatedBy = author,
                UpdatedAtUtc = now,
                Evidence = evidence,
            };
            db.Verdicts.Add(draft);
            await db.SaveChangesAsync(cancellationToken);
            return Restored(RevisionSubjects.Verdict, draft.Id, 1, $"Restored revision {number} of verdict {verdictId} as a new working draft (verdict {draft.Id}); the published verdict is unchanged.{note}");
        }

        if (!int.TryParse(postedVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) || seen != draft.Version)
        {
            return Refused(string.Create(
                CultureInfo.InvariantCulture,
                $"The working draft (verdict {draft.Id}) changed since you opened this page, so nothing was restored and nobody's edit was overwritten. It is now at version {draft.Version}; look at its latest revision, then restore again if you still want to."));
        }

        // The version this page showed is the one the save must still find, or the colleague's newer save wins.
        db.Entry(draft).Property(v => v.Version).OriginalValue = seen;
        draft.Rating = fields.Enum<Rating>(nameof(Verdict.Rating)) ?? draft.Rating;
        draft.Headline = fields.Text(nameof(Verdict.Headline)) ?? draft.Headline;
        draft.RationaleMarkdown = fields.Text(nameof(Verdict.RationaleMarkdown)) ?? draft.RationaleMarkdown;
        draft.AsOf = fields.Date(nameof(Verdict.AsOf)) ?? draft.AsOf;
        if (!draft.Evidence.Select(e => e.Id).Order().SequenceEqual(evidence.Select(e => e.Id).Order()))
        {
            draft.Evidence.Clear();
            draft.Evidence.AddRange(evidence);
        }

        if (db.ChangeTracker.HasChanges())
        {
            draft.UpdatedBy = author;
            draft.UpdatedAtUtc = DateTime.UtcNow;
        }

        var done = draft.Id == verdictId
            ? $"Restored revision {number} of verdict {verdictId}.{note}"
            : $"Restored revision {number} of verdict {verdictId} into the working draft (verdict {draft.Id}); the published verdict is unchanged.{note}";
        return await SaveRestoreAsync(RevisionSubjects.Verdict, draft.Id, number, done, cancellationToken);
    }

    /// <param name="done">What was restored into what, as one sentence; the new revision's number is added to it.</param>
    private async Task<RestoreResult> SaveRestoreAsync(string entityType, int entityId, int number, string done, CancellationToken cancellationToken)
    {
        if (!db.ChangeTracker.HasChanges())
        {
            return Refused($"{EntityLabel(entityType, entityId)} already holds what revision {number} holds; nothing was saved.");
        }

        await db.SaveChangesAsync(cancellationToken);
        var latest = await db.Revisions.Where(r => r.EntityType == entityType && r.EntityId == entityId).MaxAsync(r => r.Number, cancellationToken);
        return Restored(entityType, entityId, latest, string.Create(CultureInfo.InvariantCulture, $"{done} It is saved as revision {latest} of {EntityLabel(entityType, entityId).ToLowerInvariant()}."));
    }

    private async Task<(RevisionDiff? Diff, string? Message)> DiffAsync(Subjects subjects, string? entity, string? id, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!TryEntity(entity, out var entityType) || !TryNumber(id, out var entityId))
        {
            return (null, "Choose a claim, verdict, evidence item or source from the list to compare its revisions.");
        }

        if (!subjects.Contains(entityType, entityId))
        {
            return (null, $"{EntityLabel(entityType, entityId)} is not part of this claim's history.");
        }

        var latest = await db.Revisions.Where(r => r.EntityType == entityType && r.EntityId == entityId).MaxAsync(r => (int?)r.Number, cancellationToken);
        if (latest is null)
        {
            return (null, $"{EntityLabel(entityType, entityId)} has no revisions yet.");
        }

        var toNumber = latest.Value;
        if (!string.IsNullOrEmpty(to) && !TryNumber(to, out toNumber))
        {
            return (null, $"\"{to}\" is not a revision number. {EntityLabel(entityType, entityId)} has revisions 1 to {latest}.");
        }

        var fromNumber = Math.Max(1, toNumber - 1);
        if (!string.IsNullOrEmpty(from) && !TryNumber(from, out fromNumber))
        {
            return (null, $"\"{from}\" is not a revision number. {EntityLabel(entityType, entityId)} has revisions 1 to {latest}.");
        }

        if (fromNumber > latest || toNumber > latest)
        {
            return (null, $"{EntityLabel(entityType, entityId)} has no revision {Math.Max(fromNumber, toNumber)}; its revisions are 1 to {latest}.");
        }

        var pair = await db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == entityType && r.EntityId == entityId && (r.Number == fromNumber || r.Number == toNumber))
            .ToListAsync(cancellationToken);
        var older = pair.First(r => r.Number == fromNumber);
        var newer = pair.First(r => r.Number == toNumber);
        var lines = Fold(InlineDiffBuilder.Diff(SnapshotText.Lines(older.Snapshot), SnapshotText.Lines(newer.Snapshot), false).Lines
            .Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new DiffLine(
                l.Type switch
                {
                    ChangeType.Inserted => DiffLineKind.Inserted,
                    ChangeType.Deleted => DiffLineKind.Deleted,
                    _ => DiffLineKind.Unchanged,
                },
                l.Text ?? ""))
            .ToList());

        var (canRestore, note, draftVersion) = await RestorePlanAsync(subjects.ClaimId, entityType, entityId, older, latest.Value, cancellationToken);
        return (new RevisionDiff(entityType, entityId, fromNumber, toNumber, latest.Value, lines, canRestore, note, draftVersion), null);
    }

    /// <summary>Whether the older revision of a diff can be restored, what that would do, and the draft's version token if it goes into a draft.</summary>
    private async Task<(bool CanRestore, string Note, int? DraftVersion)> RestorePlanAsync(int claimId, string entityType, int entityId, Revision revision, int latest, CancellationToken cancellationToken)
    {
        if (revision.Action == RevisionAction.Deleted)
        {
            return (false, $"Revision {revision.Number} records a deletion and cannot be restored.", null);
        }

        if (entityType != RevisionSubjects.Verdict)
        {
            if (revision.Number == latest)
            {
                return (false, $"Revision {revision.Number} is the current state.", null);
            }

            var what = entityType == RevisionSubjects.Source
                ? "this document's details (not its archived text, which cited passages point into)"
                : $"this {entityType.ToLowerInvariant()}'s fields";
            return (true, $"Restoring saves {what} as they were in revision {revision.Number}, as a new revision. Earlier revisions stay as they are.", null);
        }

        var verdict = await db.Verdicts.AsNoTracking().Where(v => v.Id == entityId).Select(v => new { v.Status, v.Version }).FirstOrDefaultAsync(cancellationToken);
        if (verdict is null)
        {
            return (false, "This verdict no longer exists.", null);
        }

        if (verdict.Status != VerdictStatus.Published)
        {
            return revision.Number == latest
                ? (false, $"Revision {revision.Number} is the draft's current state.", null)
                : (true, $"Restoring puts revision {revision.Number}'s rating, headline, rationale, as-of date and evidence back into this draft, as a new revision.", verdict.Version);
        }

        var draft = await db.Verdicts.AsNoTracking().Where(v => v.ClaimId == claimId && v.Status != VerdictStatus.Published).Select(v => new { v.Id, v.Version }).FirstOrDefaultAsync(cancellationToken);
        return draft is null
            ? (true, $"This verdict is published, so restoring does not change it: revision {revision.Number}'s rating, headline, rationale, as-of date and evidence become a new working draft for review.", null)
            : (true, $"This verdict is published, so restoring does not change it: revision {revision.Number}'s rating, headline, rationale, as-of date and evidence go into the claim's working draft (verdict {draft.Id}), replacing what it holds now.", draft.Version);
    }

    /// <summary>Keeps <see cref="Context"/> unchanged lines around each change and says how many were left out between.</summary>
    private static List<DiffLine> Fold(List<DiffLine> lines)
    {
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != DiffLineKind.Unchanged)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(lines.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        // Short snapshots (a claim, a verdict) are shown whole: the fields around a change are the point.
        if (lines.Count <= 40)
        {
            return lines;
        }

        var folded = new List<DiffLine>();
        var skipped = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (keep[i])
            {
                if (skipped > 0)
                {
                    folded.Add(new DiffLine(DiffLineKind.Unchanged, Folded(skipped)));
                    skipped = 0;
                }

                folded.Add(lines[i]);
            }
            else
            {
                skipped++;
            }
        }

        if (skipped > 0)
        {
            folded.Add(new DiffLine(DiffLineKind.Unchanged, Folded(skipped)));
        }

        return folded;
    }

    private static string Folded(int count) => string.Create(CultureInfo.InvariantCulture, $"… {count} unchanged lines …");

    private async Task<Subjects?> SubjectsAsync(int claimId, CancellationToken cancellationToken)
    {
        // Retracted and merged claims keep a readable history.
        var claim = await db.Claims.AsNoTracking().IgnoreQueryFilters(FactCheck.Data.Configurations.ClaimConfigurationNames.AllClaims).Where(c => c.Id == claimId).Select(c => new { c.Summary, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var verdicts = await db.Verdicts.AsNoTracking().Where(v => v.ClaimId == claimId).Select(v => v.Id).ToListAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.ClaimId == claimId).Select(e => new { e.Id, e.Passage.SourceId }).ToListAsync(cancellationToken);
        return new Subjects(claimId, claim.Summary, claim.Slug, [.. verdicts], [.. evidence.Select(e => e.Id)], [.. evidence.Select(e => e.SourceId)]);
    }

    private static bool TryEntity(string? text, out string entityType)
    {
        entityType = EntityTypes.FirstOrDefault(t => string.Equals(t, text, StringComparison.OrdinalIgnoreCase)) ?? "";
        return entityType.Length > 0;
    }

    private static bool TryNumber(string? text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    private static RestoreResult Refused(string message) => new(false, message);

    private static RestoreResult Restored(string entityType, int entityId, int number, string message) => new(true, message, entityType, entityId, number);

    /// <summary>The records whose revisions make up one claim's history.</summary>
    private sealed record Subjects(int ClaimId, string Summary, string Slug, HashSet<int> Verdicts, HashSet<int> Evidence, HashSet<int> Sources)
    {
        public bool Contains(string entityType, int id) => entityType switch
        {
            RevisionSubjects.Claim => id == ClaimId,
            RevisionSubjects.Verdict => Verdicts.Contains(id),
            RevisionSubjects.Evidence => Evidence.Contains(id),
            RevisionSubjects.Source => Sources.Contains(id),
            _ => false,
        };
    }

    /// <summary>Typed reads of a snapshot's fields; a field that is missing or of the wrong shape reads as "keep the current value".</summary>
    private sealed class SnapshotFields(Dictionary<string, JsonElement> snapshot)
    {
        public string? Text(string field) => snapshot.TryGetValue(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public string? NullableText(string field, string? current) =>
            !snapshot.TryGetValue(field, out var v) ? current
            : v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.String ? v.GetString()
            : current;

        public bool? Flag(string field) =>
            snapshot.TryGetValue(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

        public T? Enum<T>(string field)
            where T : struct, System.Enum =>
            snapshot.TryGetValue(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && System.Enum.IsDefined(typeof(T), n)
                ? (T)System.Enum.ToObject(typeof(T), n)
                : null;

        public ReportedDate? Date(string field) =>
            snapshot.TryGetValue(field, out var v) && SnapshotText.TryReportedDate(v, out var date) ? date : null;

        public List<int> Numbers(string field) =>
            snapshot.TryGetValue(field, out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)).Select(e => e.GetInt32()).ToList()
                : [];
    }
}
