using System.Security.Claims;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Desk.Audit;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.Verdicts;

/// <summary>
/// The claim's one working verdict draft, shared by the desk: loading it, and saving, submitting,
/// publishing or sending it back. Every action checks the rules and the role here, whatever the form
/// already showed, and saves nothing when either fails.
/// <para>
/// Each call opens its own DbContext: the verdict form lives in a circuit for as long as the editor keeps
/// the tab open, and a context kept that long would serve stale rows and grow without bound.
/// </para>
/// </summary>
public sealed class VerdictDraftService(IServiceScopeFactory scopes, SiteSettings site, TimeProvider clock, ILogger<VerdictDraftService> logger)
{
    public async Task<VerdictDesk?> LoadAsync(int claimId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        return await LoadAsync(db, claimId, cancellationToken);
    }

    public Task<DeskOutcome> ApplyAsync(int claimId, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        ApplyAsync(claimId, action, input, baseDraftId: null, baseVersion, user, checkDraftId: false, cancellationToken);

    /// <summary>
    /// As the form's overload, and the draft must also be the same record (<paramref name="baseDraftId"/>; null
    /// for "no draft"): after a publication a new draft starts again at version 1, so a version number alone
    /// could match a draft its sender never saw. The editors' API's ETag names both.
    /// </summary>
    public Task<DeskOutcome> ApplyAsync(int claimId, DeskAction action, VerdictDraftInput input, int? baseDraftId, int? baseVersion, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        ApplyAsync(claimId, action, input, baseDraftId, baseVersion, user, checkDraftId: true, cancellationToken);

    private async Task<DeskOutcome> ApplyAsync(int claimId, DeskAction action, VerdictDraftInput input, int? baseDraftId, int? baseVersion, ClaimsPrincipal user, bool checkDraftId, CancellationToken cancellationToken)
    {
        var editor = user.Identity?.Name;
        if (editor is null || !(user.IsInRole(DeskRoles.Editor) || user.IsInRole(DeskRoles.ChiefEditor)))
        {
            return DeskOutcome.Forbidden("Sign in as an editor to work on verdicts.");
        }

        if (action is DeskAction.Publish or DeskAction.SendBack && !user.IsInRole(DeskRoles.ChiefEditor))
        {
            return DeskOutcome.Forbidden("Only a chief editor can publish a verdict or send it back.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        var desk = await LoadAsync(db, claimId, cancellationToken);
        if (desk is null)
        {
            return DeskOutcome.NotFound;
        }

        var messages = VerdictRules.Validate(action, input, desk);
        if (messages.Count > 0)
        {
            return DeskOutcome.Invalid(messages);
        }

        // Compared here for a clear message; the version token in the UPDATE catches a save that lands
        // between this read and ours.
        if (desk.Draft?.Version != baseVersion || (checkDraftId && desk.Draft?.Id != baseDraftId))
        {
            return Conflict(desk.Draft);
        }

        if (action is DeskAction.Publish or DeskAction.SendBack && desk.Draft?.Status != VerdictStatus.InReview)
        {
            return DeskOutcome.Invalid([new("", action == DeskAction.Publish
                ? "Submit the draft for review first: a verdict is published from review."
                : "Only a draft in review can be sent back.")]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var draft = desk.Draft is null
            ? NewDraft(claimId, now)
            : await db.Verdicts.Include(v => v.Evidence).SingleAsync(v => v.Id == desk.Draft.Id, cancellationToken);
        if (desk.Draft is not null)
        {
            db.Entry(draft).Property(v => v.Version).OriginalValue = desk.Draft.Version;
        }

        if (action != DeskAction.SendBack)
        {
            await ApplyInputAsync(db, draft, input, cancellationToken);
        }

        draft.UpdatedBy = editor;
        draft.UpdatedAtUtc = now;
        var reason = Transition(draft, action, input, editor, now);
        db.Attribution = new ChangeAttribution(editor, reason);
        if (action is not DeskAction.SaveDraft)
        {
            var audited = action switch
            {
                DeskAction.Publish => AuditAction.Published,
                DeskAction.SendBack => AuditAction.SentBack,
                _ => AuditAction.SubmittedForReview,
            };
            AuditTrail.Record(
                db,
                audited,
                editor,
                desk.Claim.Url,
                action == DeskAction.SendBack ? input.ReviewComment.Trim() : $"{RatingScale.Get(draft.Rating).Label}: {draft.Headline}");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || IsSecondWorkingDraft(e))
        {
            // The version token (someone saved in between) or the one-draft-per-claim index (two editors
            // started the first draft at once): either way the colleague's save stands and ours is reported.
            // Any other failure is not a colleague's work and propagates as the error it is.
            logger.LogInformation(e, "Verdict draft for claim {ClaimId} changed during a save by {Editor}; reported as a conflict", claimId, editor);
            await using var fresh = scopes.CreateAsyncScope();
            var latest = await LoadAsync(fresh.ServiceProvider.GetRequiredService<FactCheckDbContext>(), claimId, cancellationToken);
            return Conflict(latest?.Draft);
        }

        logger.LogInformation("{Action} verdict for claim {ClaimId} by {Editor}", action, claimId, editor);
        // The state this save wrote, not a fresh read: a colleague's save landing just after ours must not be
        // handed back as ours, or the version we return would let our next save overwrite theirs unseen.
        var saved = action == DeskAction.Publish ? null : StateOf(draft);
        return new DeskOutcome(DeskOutcomeKind.Saved, Confirmation(action), [], saved);
    }

    /// <summary>
    /// The unique violation of IX_Verdicts_OneWorkingDraftPerClaim: PostgreSQL names the index; SQLite names only
    /// the table and column of a UNIQUE failure, and Verdicts.ClaimId is unique in that index alone.
    /// </summary>
    private static bool IsSecondWorkingDraft(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation && pg.ConstraintName == OneWorkingDraftIndex,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.Message.Contains("UNIQUE constraint failed: Verdicts.ClaimId", StringComparison.Ordinal),
        _ => false,
    };

    private const string OneWorkingDraftIndex = "IX_Verdicts_OneWorkingDraftPerClaim";

    /// <summary>SQLITE_CONSTRAINT.</summary>
    private const int SqliteConstraint = 19;

    private static DraftState StateOf(Verdict draft) => new(
        draft.Id, draft.Version, draft.Status, draft.Rating, draft.Headline, draft.ClaimReviewed, draft.RationaleMarkdown,
        [.. draft.Evidence.Select(e => e.Id).Order()], draft.CorrectionNote, draft.UpdatedBy, draft.UpdatedAtUtc, draft.SubmittedBy, draft.ReviewComment);

    private static DeskOutcome Conflict(DraftState? theirs) => new(
        DeskOutcomeKind.Conflict,
        theirs is null
            ? "The draft was published or removed since you opened it. Your version is below: nothing of it was saved."
            : $"The draft changed since you opened it: {theirs.UpdatedBy ?? "a colleague"} saved it. Their version is beside yours; nothing of yours was saved.",
        [],
        Theirs: theirs);

    private static string Confirmation(DeskAction action) => action switch
    {
        DeskAction.SubmitForReview => "Submitted for review.",
        DeskAction.Publish => "Published. The verdict is on the claim page and in the feed.",
        DeskAction.SendBack => "Sent back to the desk with your comment.",
        _ => "Draft saved.",
    };

    private Verdict NewDraft(int claimId, DateTime now) => new()
    {
        ClaimId = claimId,
        Headline = "",
        RationaleMarkdown = "",
        Author = site.Name,
        Status = VerdictStatus.Draft,

        // Version 1 is the first saved state, as the form shows it ("version 1").
        Version = 1,
        AsOf = new ReportedDate(DateOnly.FromDateTime(now), DatePrecision.Day),
        CreatedAtUtc = now,
    };

    private static async Task ApplyInputAsync(FactCheckDbContext db, Verdict draft, VerdictDraftInput input, CancellationToken cancellationToken)
    {
        // Validated before this point: an unknown slug never reaches here.
        draft.Rating = RatingScale.TryParseSlug(input.Rating, out var rating) ? rating : throw new ArgumentException($"Unknown rating '{input.Rating}'.", nameof(input));
        draft.Headline = input.Headline.Trim();
        draft.ClaimReviewed = input.ClaimReviewed.Trim() is { Length: > 0 } reviewed ? reviewed : null;
        draft.RationaleMarkdown = input.Rationale;
        draft.CorrectionNote = input.CorrectionNote.Trim() is { Length: > 0 } note ? note : null;
        var wanted = input.EvidenceIds.ToHashSet();
        draft.Evidence.RemoveAll(e => !wanted.Contains(e.Id));
        var missing = wanted.Except(draft.Evidence.Select(e => e.Id)).ToList();
        if (missing.Count > 0)
        {
            draft.Evidence.AddRange(await db.Evidence.Where(e => missing.Contains(e.Id)).ToListAsync(cancellationToken));
        }

        if (draft.Id == 0)
        {
            db.Verdicts.Add(draft);
        }
    }

    /// <summary>Moves the draft along the review workflow; returns the reason its revision records.</summary>
    private string Transition(Verdict draft, DeskAction action, VerdictDraftInput input, string editor, DateTime now)
    {
        switch (action)
        {
            case DeskAction.SubmitForReview:
                draft.Status = VerdictStatus.InReview;
                draft.SubmittedBy = editor;
                draft.ReviewComment = null;
                return "Submitted for review";
            case DeskAction.SendBack:
                draft.Status = VerdictStatus.Draft;
                draft.ReviewComment = input.ReviewComment.Trim();
                return $"Sent back: {draft.ReviewComment}";
            case DeskAction.Publish:
                draft.Status = VerdictStatus.Published;
                draft.PublishedAtUtc = now;
                draft.AsOf = new ReportedDate(DateOnly.FromDateTime(now), DatePrecision.Day);

                // Published by this newsroom today (UTC): the date readers see and the latest-verdicts order follow it.
                draft.PublishedOn = draft.AsOf;

                // The verdict is the newsroom's: ClaimReview's author is the organisation that reviewed the claim.
                draft.Author = site.Name;
                draft.ReviewComment = null;
                return draft.CorrectionNote is null ? "Published" : $"Published as a correction: {draft.CorrectionNote}";
            default:
                return "Saved draft";
        }
    }

    private static async Task<VerdictDesk?> LoadAsync(FactCheckDbContext db, int claimId, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == claimId)
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Summary,
                c.Quote,
                Claimant = c.Claimant.Name,
                c.SaidOn,
                HasAppearance = c.Appearances.Any(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var ledger = await db.Evidence.AsNoTracking()
            .Where(e => e.ClaimId == claimId)
            .OrderBy(e => e.Stance).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Stance, e.Organization, e.Passage.Exact, e.Passage.Source.Title })
            .ToListAsync(cancellationToken);
        var verdicts = await db.Verdicts.AsNoTracking()
            .Where(v => v.ClaimId == claimId)
            .Select(v => new
            {
                v.Id,
                v.Version,
                v.Status,
                v.Rating,
                v.Headline,
                v.ClaimReviewed,
                v.RationaleMarkdown,
                EvidenceIds = v.Evidence.Select(e => e.Id).ToList(),
                v.CorrectionNote,
                v.UpdatedBy,
                v.UpdatedAtUtc,
                v.SubmittedBy,
                v.ReviewComment,
                v.PublishedAtUtc,
                v.AsOf,
            })
            .ToListAsync(cancellationToken);

        var draft = verdicts.SingleOrDefault(v => v.Status != VerdictStatus.Published);
        var published = CurrentVerdicts.NewestFirst(verdicts.Where(v => v.Status == VerdictStatus.Published), v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id)
            .FirstOrDefault();
        return new VerdictDesk(
            new DeskClaim(claim.Id, claim.Slug, claim.Summary, claim.Quote, claim.Claimant, claim.SaidOn.ToDisplayString(), claim.HasAppearance),
            [.. ledger.Select(e => new EvidenceChoice(e.Id, e.Stance, e.Organization, TextBlocks.Excerpt(e.Exact, 240), e.Title))],
            published is null ? null : new PublishedVerdictSummary(published.Rating, published.Headline, published.PublishedAtUtc, published.Id, published.Version),
            draft is null ? null : new DraftState(
                draft.Id, draft.Version, draft.Status, draft.Rating, draft.Headline, draft.ClaimReviewed, draft.RationaleMarkdown,
                [.. draft.EvidenceIds.Order()], draft.CorrectionNote, draft.UpdatedBy, draft.UpdatedAtUtc, draft.SubmittedBy, draft.ReviewComment));
    }
}
