using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Data.Text;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Browse;
using Microsoft.EntityFrameworkCore;
using Claim = FactCheck.Data.Entities.Claim;

namespace FactCheck.Web.Features.Desk.Claims;

/// <summary>
/// The claim desk's rules: edit a claim (any editor), retract it or merge it into another (chief editors).
/// Each action is one save through FactCheckDbContext.SaveChangesAsync, so it
/// leaves its revisions with the editor's reason and evicts the cached pages; a refused action saves nothing.
/// Retracted and merged claims are read past the "Published" filter: the desk must still see them.
/// </summary>
public sealed partial class ClaimDeskService(FactCheckDbContext db, TimeProvider clock)
{
    public const int ReasonMaxLength = 2000;
    public const int SummaryMaxLength = 500;
    public const int QuoteMaxLength = 4000;
    public const int SaidWhereMaxLength = 500;
    public const int NoteMaxLength = 500;

    public static string Path(int claimId) => string.Create(CultureInfo.InvariantCulture, $"/editor/claims/{claimId}");

    private IQueryable<Claim> AllClaims => db.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims);

    public async Task<ClaimDeskModel?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var claim = await AllClaims.AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id, c.Slug, c.Summary, c.Quote, c.IsVerbatim, c.SaidOn, c.SaidWhere, ClaimantName = c.Claimant.Name,
                c.RetractedAtUtc, c.RetractionReason, c.RetractedBy, c.MergedIntoId, c.MergedAtUtc,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        return new ClaimDeskModel(
            claim.Id, claim.Slug, claim.Summary, claim.Quote, claim.IsVerbatim, claim.SaidOn, claim.SaidWhere, claim.ClaimantName,
            await RevisionAsync(id, cancellationToken), claim.RetractedAtUtc, claim.RetractionReason, claim.RetractedBy, claim.MergedIntoId, claim.MergedAtUtc);
    }

    /// <summary>The form's starting values: the claim as it is now, with its newest revision number.</summary>
    public static ClaimEditInput EditInputFor(ClaimDeskModel claim) => new()
    {
        Summary = claim.Summary,
        Quote = claim.Quote,
        IsVerbatim = claim.IsVerbatim,
        SaidOn = claim.SaidOn.ToIsoString(),
        SaidWhere = claim.SaidWhere,
        Revision = claim.Revision.ToString(CultureInfo.InvariantCulture),
    };

    public Task<ClaimDeskOutcome> EditAsync(int id, ClaimEditInput input, string editor, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(ct => EditCoreAsync(id, input, editor, ct), cancellationToken);

    public Task<ClaimDeskOutcome> RetractAsync(int id, RetractInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(ct => RetractCoreAsync(id, input, user, ct), cancellationToken);

    public Task<ClaimDeskOutcome> MergeAsync(int id, MergeInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        InWriteTransactionAsync(ct => MergeCoreAsync(id, input, user, ct), cancellationToken);

    /// <summary>
    /// The checks and the save in one write transaction (<see cref="WriteTransaction"/>: SQLite's BEGIN IMMEDIATE, a
    /// desk-wide advisory lock on PostgreSQL), so a colleague's save cannot land between a check and ours: checked
    /// before the save's own transaction, two edits from the same revision would both pass and the second overwrite
    /// the first, and merges A into B and B into A could both pass and make a loop.
    /// </summary>
    private Task<ClaimDeskOutcome> InWriteTransactionAsync(Func<CancellationToken, Task<ClaimDeskOutcome>> work, CancellationToken cancellationToken) =>
        WriteTransaction.RunAsync(db, WriteLock.ClaimDesk, work, outcome => outcome.Succeeded, cancellationToken);

    private async Task<ClaimDeskOutcome> EditCoreAsync(int id, ClaimEditInput input, string editor, CancellationToken cancellationToken)
    {
        var problems = new List<FieldMessage>();
        var summary = Required(problems, nameof(ClaimEditInput.Summary), input.Summary, SummaryMaxLength, "Write a one-line summary.");
        var quote = Required(problems, nameof(ClaimEditInput.Quote), input.Quote, QuoteMaxLength, "Give the statement as said or reported.");
        var saidWhere = string.IsNullOrWhiteSpace(input.SaidWhere) ? null : input.SaidWhere.Trim();
        if (saidWhere is { Length: > SaidWhereMaxLength })
        {
            problems.Add(new(nameof(ClaimEditInput.SaidWhere), $"At most {SaidWhereMaxLength} characters."));
        }

        ReportedDate saidOn = default;
        if (string.IsNullOrWhiteSpace(input.SaidOn))
        {
            problems.Add(new(nameof(ClaimEditInput.SaidOn), "Give the date it was said: a year, a month or a day."));
        }
        else if (!FilterDates.TryParse(input.SaidOn, out saidOn))
        {
            problems.Add(new(nameof(ClaimEditInput.SaidOn), $"“{input.SaidOn.Trim()}” is not a date: write 2021, 2021-12, December 2021 or 5 December 2021."));
        }

        var reason = Required(problems, nameof(ClaimEditInput.Reason), input.Reason, ReasonMaxLength, "Say why this change is made: it goes on the claim's record.");
        if (problems.Count > 0)
        {
            return ClaimDeskOutcome.Invalid(problems);
        }

        var claim = await AllClaims.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (IsUnchangeable(claim, "It can no longer be edited.", out var stop))
        {
            return stop;
        }

        // A form opened before someone else's save would overwrite that save with stale values.
        if (!int.TryParse(input.Revision, NumberStyles.None, CultureInfo.InvariantCulture, out var seen) || seen != await RevisionAsync(id, cancellationToken))
        {
            return ClaimDeskOutcome.Stale;
        }

        if (claim.Summary != summary)
        {
            claim.Summary = summary!;
            claim.Slug = Slugs.From(summary);
        }

        claim.Quote = quote!;
        claim.IsVerbatim = input.IsVerbatim;
        claim.SaidOn = saidOn;
        claim.SaidWhere = saidWhere;
        if (!db.ChangeTracker.HasChanges())
        {
            return ClaimDeskOutcome.Refused("Nothing was changed, so nothing was saved.");
        }

        db.Attribution = new ChangeAttribution(editor, reason);
        return await TrySaveAsync("Saved.", cancellationToken);
    }

    private async Task<ClaimDeskOutcome> RetractCoreAsync(int id, RetractInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(DeskRoles.ChiefEditor))
        {
            return ClaimDeskOutcome.Forbidden;
        }

        var problems = new List<FieldMessage>();
        var reason = Required(problems, nameof(RetractInput.Reason), input.Reason, ReasonMaxLength, "Say why the claim is retracted: readers of its address will see it.");
        if (!input.Confirm)
        {
            problems.Add(new(nameof(RetractInput.Confirm), "Tick the box to confirm the retraction."));
        }

        if (problems.Count > 0)
        {
            return ClaimDeskOutcome.Invalid(problems);
        }

        var claim = await AllClaims.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (IsUnchangeable(claim, "Nothing was saved.", out var stop))
        {
            return stop;
        }

        var editor = SignedInEditor.From(user).Email;
        claim.RetractedAtUtc = clock.GetUtcNow().UtcDateTime;
        claim.RetractionReason = reason;
        claim.RetractedBy = editor;
        db.Attribution = new ChangeAttribution(editor, $"Retracted: {reason}");
        return await TrySaveAsync("Retracted. The claim's address now answers with the retraction notice.", cancellationToken);
    }

    private async Task<ClaimDeskOutcome> MergeCoreAsync(int id, MergeInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(DeskRoles.ChiefEditor))
        {
            return ClaimDeskOutcome.Forbidden;
        }

        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note is { Length: > NoteMaxLength })
        {
            return ClaimDeskOutcome.Invalid([new(nameof(MergeInput.Note), $"At most {NoteMaxLength} characters.")]);
        }

        if (string.IsNullOrWhiteSpace(input.Target))
        {
            return ClaimDeskOutcome.Invalid([new(nameof(MergeInput.Target), "Give the id or the address of the claim this one duplicates.")]);
        }

        if (ParseClaimId(input.Target) is not { } targetId)
        {
            return ClaimDeskOutcome.Invalid([new(nameof(MergeInput.Target), $"“{Shorten(input.Target.Trim())}” is neither a claim id nor a claim's address (/claims/123/...).")]);
        }

        if (targetId == id)
        {
            return ClaimDeskOutcome.Invalid([new(nameof(MergeInput.Target), "A claim cannot be merged into itself.")]);
        }

        var duplicate = await AllClaims.Include(c => c.Appearances).Include(c => c.Evidence).Include(c => c.Topics)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (IsUnchangeable(duplicate, "Nothing was saved.", out var stop))
        {
            return stop;
        }

        var survivor = await AllClaims.Include(c => c.Appearances).Include(c => c.Evidence).Include(c => c.Topics)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == targetId, cancellationToken);
        if (TargetProblem(survivor, targetId, await FinalSurvivorAsync(survivor, id, cancellationToken)) is { } problem)
        {
            return ClaimDeskOutcome.Invalid([new(nameof(MergeInput.Target), problem)]);
        }

        MoveOnto(duplicate, survivor!);
        duplicate.MergedIntoId = survivor!.Id;
        duplicate.MergedAtUtc = clock.GetUtcNow().UtcDateTime;
        var editor = SignedInEditor.From(user).Email;
        var reason = string.Create(CultureInfo.InvariantCulture, $"Merged claim {duplicate.Id} (“{Shorten(duplicate.Summary)}”) into claim {survivor.Id} (“{Shorten(survivor.Summary)}”)");
        db.Attribution = new ChangeAttribution(editor, note is null ? reason : $"{reason}: {note}");
        return await TrySaveAsync(string.Create(CultureInfo.InvariantCulture, $"Merged into claim {survivor.Id}. This claim's address now leads there."), cancellationToken);
    }

    /// <summary>
    /// Reads "123", "/claims/123/slug", "https://host/claims/123/slug" or "/editor/claims/123": the id, or null.
    /// </summary>
    public static int? ParseClaimId(string text)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain > 0 ? plain : null;
        }

        var path = Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsolutePath : trimmed;
        var match = ClaimPath().Match(path);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    [GeneratedRegex(@"^/(?:editor/)?claims/([0-9]{1,9})(?:/|$|\?|#)", RegexOptions.CultureInvariant)]
    private static partial Regex ClaimPath();

    /// <summary>
    /// Appearances and evidence go to the survivor unless it already cites the same passage (the unique
    /// (claim, passage) pair: the survivor's own item stays, the duplicate's stays with its history);
    /// topics are united and leave the retired claim, so a topic counts the claim once. Verdicts stay.
    /// </summary>
    private static void MoveOnto(Claim duplicate, Claim survivor)
    {
        var survivorAppearances = survivor.Appearances.Select(a => a.PassageId).ToHashSet();
        foreach (var appearance in duplicate.Appearances.Where(a => !survivorAppearances.Contains(a.PassageId)).ToList())
        {
            appearance.ClaimId = survivor.Id;
        }

        var survivorEvidence = survivor.Evidence.Select(e => e.PassageId).ToHashSet();
        foreach (var evidence in duplicate.Evidence.Where(e => !survivorEvidence.Contains(e.PassageId)).ToList())
        {
            evidence.ClaimId = survivor.Id;
        }

        foreach (var topic in duplicate.Topics.ToList())
        {
            if (!survivor.Topics.Contains(topic))
            {
                survivor.Topics.Add(topic);
            }

            duplicate.Topics.Remove(topic);
        }
    }

    private static string? TargetProblem(Claim? survivor, int targetId, int? finalSurvivor) => survivor switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"There is no claim {targetId}."),
        { MergedIntoId: not null } when finalSurvivor is { } final =>
            string.Create(CultureInfo.InvariantCulture, $"Claim {targetId} was itself merged into claim {final}: merge into claim {final} instead."),
        { MergedIntoId: not null } => string.Create(CultureInfo.InvariantCulture, $"Claim {targetId} was merged into this claim, directly or through others: merging back would make a loop."),
        { RetractedAtUtc: not null } => string.Create(CultureInfo.InvariantCulture, $"Claim {targetId} was retracted: merge into a published claim."),
        _ => null,
    };

    /// <summary>Where a merged target's chain ends; null when it leads back to <paramref name="duplicateId"/> (a cycle) or does not end.</summary>
    private async Task<int?> FinalSurvivorAsync(Claim? target, int duplicateId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<int> { duplicateId };
        var next = target?.MergedIntoId;
        while (next is { } current && seen.Add(current) && seen.Count <= FactCheck.Web.Features.Claims.ClaimPageService.MaxMergeHops)
        {
            var further = await AllClaims.AsNoTracking().Where(c => c.Id == current).Select(c => new { c.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
            if (further?.MergedIntoId is null)
            {
                return further is null ? null : current;
            }

            next = further.MergedIntoId;
        }

        return null;
    }

    /// <summary>
    /// Whether an action on the claim stops before it starts, and with what: no such claim, or one already withdrawn
    /// (a retracted or merged claim is read-only), refused with the <paramref name="consequence"/> for the editor.
    /// </summary>
    private static bool IsUnchangeable([NotNullWhen(false)] Claim? claim, string consequence, [NotNullWhen(true)] out ClaimDeskOutcome? stop)
    {
        stop = claim is null ? ClaimDeskOutcome.NotFound
            : Withdrawn(claim) is { } withdrawn ? ClaimDeskOutcome.Refused(withdrawn + " " + consequence)
            : null;
        return stop is not null;
    }

    private static string? Withdrawn(Claim claim) =>
        claim.MergedIntoId is { } into ? string.Create(CultureInfo.InvariantCulture, $"This claim was already merged into claim {into}.")
        : claim.RetractedAtUtc is { } at ? string.Create(CultureInfo.InvariantCulture, $"This claim was already retracted on {at:d MMMM yyyy}.")
        : null;

    private async Task<int> RevisionAsync(int claimId, CancellationToken cancellationToken) =>
        await db.Revisions.Where(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == claimId)
            .MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;

    private static string? Required(List<FieldMessage> problems, string field, string? value, int maxLength, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(field, missing));
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            problems.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"At most {maxLength:N0} characters; this has {trimmed.Length:N0}.")));
        }

        return trimmed;
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..119] + "…";

    /// <summary>
    /// Saves, or reports that a colleague's save of the same claim won the race for the next revision number
    /// (the unique index on revisions): nothing half-saved, since the save is one transaction.
    /// </summary>
    private async Task<ClaimDeskOutcome> TrySaveAsync(string done, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ClaimDeskOutcome.Saved(done);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ClaimDeskOutcome.Stale;
        }
    }
}
