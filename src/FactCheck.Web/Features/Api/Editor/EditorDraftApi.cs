using System.Text.Json;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>
/// The editors' API over the claim's working verdict draft. Every write goes through <see cref="VerdictDraftService"/>,
/// the verdict form's own service: the same rules, roles, revisions and audit lines, and the same concurrency
/// token, which the API carries as the ETag (<see cref="DraftETag"/>). See docs/decisions/editors-api.md.
/// </summary>
public sealed class EditorDraftApi(VerdictDraftService drafts, FactCheckDbContext db)
{
    public async Task<IResult> GetAsync(HttpContext context, int claimId, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            return NoClaim(claimId);
        }

        var body = ApiDraft.From(desk, ApiLinks.For(context.Request));
        return Api.ConditionalGet.NotModified(context, body.ETag, null) ?? TypedResults.Json(body);
    }

    public async Task<IResult> SaveAsync(HttpContext context, int claimId, CancellationToken cancellationToken)
    {
        var expected = DraftETag.FromIfMatch(context.Request.Headers.IfMatch);
        if (expected is null)
        {
            return EditorProblems.PreconditionRequired(
                "Send If-Match with the ETag of the draft you read (GET this draft first; \"none\" when the claim has no draft yet). "
                + "A save without it, or with *, could overwrite a colleague's work unseen.");
        }

        var (input, problem) = await EditorJson.ReadAsync<ApiDraftInput>(context.Request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        return await ApplyAsync(context, claimId, DeskAction.SaveDraft, input.ToInput(), expected, cancellationToken);
    }

    /// <summary>Submit or publish the draft as stored; If-Match, when sent, must name it.</summary>
    public async Task<IResult> MoveAsync(HttpContext context, int claimId, DeskAction action, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            return NoClaim(claimId);
        }

        if (desk.Draft is not { } draft)
        {
            return EditorProblems.Conflict("No working draft", "This claim has no working draft: save one with PUT first.");
        }

        IReadOnlyList<DraftETag> expected = [new DraftETag(draft.Id, draft.Version)];
        if (context.Request.Headers.IfMatch.Count > 0)
        {
            if (DraftETag.FromIfMatch(context.Request.Headers.IfMatch) is not { } sent)
            {
                return EditorProblems.PreconditionRequired("If-Match must name the draft's ETag; * is not accepted. Leave it out to act on the draft as it stands.");
            }

            expected = sent;
        }

        if (action == DeskAction.Publish && context.User.IsInRole(FactCheck.Data.Identity.DeskRoles.ChiefEditor) && draft.Status != VerdictStatus.InReview)
        {
            return EditorProblems.Conflict("Not in review", "Submit the draft for review first: a verdict is published from review.");
        }

        return await ApplyAsync(context, claimId, action, draft.ToInput(), expected, cancellationToken);
    }

    /// <summary>Every revision of every verdict of the claim, drafts included, oldest first.</summary>
    public async Task<IResult> RevisionsAsync(int claimId, CancellationToken cancellationToken)
    {
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            return NoClaim(claimId);
        }

        var verdictIds = db.Verdicts.Where(v => v.ClaimId == claimId).Select(v => v.Id);
        var rows = await db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == RevisionSubjects.Verdict && verdictIds.Contains(r.EntityId))
            .OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new { r.EntityId, r.Number, r.Action, r.Author, r.Reason, r.CreatedAtUtc, r.ChangedFields, r.Snapshot })
            .ToListAsync(cancellationToken);
        var revisions = rows.Select(r => new ApiRevision(
            r.EntityId,
            r.Number,
            r.Action switch { RevisionAction.Created => "created", RevisionAction.Deleted => "deleted", _ => "updated" },
            r.Author,
            r.Reason,
            DateTime.SpecifyKind(r.CreatedAtUtc, DateTimeKind.Utc),
            r.ChangedFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Snapshot(r.Snapshot))).ToList();
        return TypedResults.Json(new ApiRevisionList(claimId, revisions));
    }

    private async Task<IResult> ApplyAsync(HttpContext context, int claimId, DeskAction action, VerdictDraftInput input, IReadOnlyList<DraftETag> expected, CancellationToken cancellationToken)
    {
        // Several tags may be sent; the one naming the current draft is the base, and with none, any stale one
        // gets the 412 with the current draft.
        var based = expected.Count == 1 ? expected[0] : await CurrentAmongAsync(claimId, expected, cancellationToken);
        if (based is not { } baseTag)
        {
            return await PreconditionFailedAsync(context, claimId, "The draft is not at any version If-Match names: nothing was saved.", cancellationToken);
        }

        var outcome = await drafts.ApplyAsync(claimId, action, input, baseTag.DraftId, baseTag.Version, context.User, cancellationToken);
        var links = ApiLinks.For(context.Request);
        switch (outcome.Kind)
        {
            case DeskOutcomeKind.NotFound:
                return NoClaim(claimId);
            case DeskOutcomeKind.Forbidden:
                return EditorProblems.Forbidden(outcome.Message);
            case DeskOutcomeKind.Invalid:
                return EditorProblems.Invalid(outcome.Messages);
            case DeskOutcomeKind.Conflict:
                return await PreconditionFailedAsync(context, claimId, outcome.Message, cancellationToken);
        }

        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (action == DeskAction.Publish)
        {
            var verdictId = baseTag.DraftId ?? 0;
            var rating = RatingScale.TryParseSlug(input.Rating, out var parsed) ? RatingScale.Get(parsed).Slug : input.Rating;
            var now = desk is null ? null : ApiDraft.From(desk.Claim, null, desk.Published, links);
            context.Response.Headers.ETag = DraftETag.None.ToString();
            return TypedResults.Json(new ApiPublished(
                verdictId, claimId, rating, input.Headline.Trim(), now?.ClaimPageUrl ?? "", links.Absolute(ApiLinks.VerdictPath(verdictId)), now!));
        }

        // The state this save wrote (a colleague may already have saved over it), with the claim's context.
        var body = desk is null
            ? throw new InvalidOperationException($"Claim {claimId} disappeared during a save.")
            : ApiDraft.From(desk.Claim, outcome.Draft, desk.Published, links);
        context.Response.Headers.ETag = body.ETag;
        return TypedResults.Json(body);
    }

    private async Task<DraftETag?> CurrentAmongAsync(int claimId, IReadOnlyList<DraftETag> expected, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        var current = desk?.Draft is { } draft ? new DraftETag(draft.Id, draft.Version) : DraftETag.None;
        return expected.Contains(current) ? current : null;
    }

    /// <summary>412 with the draft as it stands now, body and ETag, for the client to merge with its own and send again.</summary>
    private async Task<IResult> PreconditionFailedAsync(HttpContext context, int claimId, string message, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            return NoClaim(claimId);
        }

        var current = ApiDraft.From(desk, ApiLinks.For(context.Request));
        context.Response.Headers.ETag = current.ETag;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The draft changed",
            detail: message,
            extensions: new Dictionary<string, object?> { ["current"] = current });
    }

    private static IResult NoClaim(int claimId) => EditorProblems.NotFound($"There is no claim {claimId} (or it was retracted or merged).");

    private static JsonElement Snapshot(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Revisions are written by the save pipeline as JSON; a row that is not is shown as its text rather than failing the list.
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
