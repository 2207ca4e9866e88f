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
            return EditorProblems.NoClaim(claimId);
        }

        var body = ApiDraft.From(desk, ApiLinks.For(context.Request));
        return Api.ConditionalGet.NotModified(context, body.ETag, null) ?? TypedResults.Json(body);
    }

    /// <summary>
    /// Saves the draft. The version is checked before the body is read: a stale save gets 412 with the current
    /// draft whatever its body holds, since the client must merge first and will send a new body anyway.
    /// </summary>
    public async Task<IResult> SaveAsync(HttpContext context, int claimId, CancellationToken cancellationToken)
    {
        var expected = DraftETag.FromIfMatch(context.Request.Headers.IfMatch);
        if (expected is null)
        {
            return EditorProblems.PreconditionRequired(
                "Send If-Match with the ETag of the draft you read (GET this draft first; \"none\" when the claim has no draft yet). "
                + "A save without it, or with *, could overwrite a colleague's work unseen.");
        }

        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            return EditorProblems.NoClaim(claimId);
        }

        // Several tags may be sent; the one naming the draft as it stands is the base.
        var current = CurrentTag(desk);
        if (!expected.Contains(current))
        {
            return PreconditionFailed(context, desk, "The draft is not at any version If-Match names: nothing was saved.");
        }

        var (input, problem) = await EditorJson.ReadAsync<ApiDraftInput>(context.Request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        return await ApplyAsync(context, claimId, DeskAction.SaveDraft, input.ToInput(), current, cancellationToken);
    }

    /// <summary>
    /// Submit or publish the draft as stored; If-Match, when sent, must name it. The content moved and the
    /// version it is checked against come from the same read, so a save landing after that read is refused
    /// (412) rather than overwritten by the older content.
    /// </summary>
    public async Task<IResult> MoveAsync(HttpContext context, int claimId, DeskAction action, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            return EditorProblems.NoClaim(claimId);
        }

        if (desk.Draft is not { } draft)
        {
            return EditorProblems.Conflict("No working draft", "This claim has no working draft: save one with PUT first.");
        }

        var current = CurrentTag(desk);
        if (context.Request.Headers.IfMatch.Count > 0)
        {
            if (DraftETag.FromIfMatch(context.Request.Headers.IfMatch) is not { } sent)
            {
                return EditorProblems.PreconditionRequired("If-Match must name the draft's ETag; * is not accepted. Leave it out to act on the draft as it stands.");
            }

            if (!sent.Contains(current))
            {
                return PreconditionFailed(context, desk, "The draft is not at any version If-Match names: nothing was moved.");
            }
        }

        if (action == DeskAction.Publish && context.User.IsInRole(FactCheck.Data.Identity.DeskRoles.ChiefEditor) && draft.Status != VerdictStatus.InReview)
        {
            return EditorProblems.Conflict("Not in review", "Submit the draft for review first: a verdict is published from review.");
        }

        return await ApplyAsync(context, claimId, action, draft.ToInput(), current, cancellationToken);
    }

    /// <summary>Every revision of every verdict of the claim, drafts included, oldest first.</summary>
    public async Task<IResult> RevisionsAsync(int claimId, CancellationToken cancellationToken)
    {
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            return EditorProblems.NoClaim(claimId);
        }

        // In the order the rows were written (Id), not by CreatedAtUtc: that is each instance's clock, and two
        // instances with skewed clocks would list a later save first.
        var verdictIds = db.Verdicts.Where(v => v.ClaimId == claimId).Select(v => v.Id);
        var rows = await db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == RevisionSubjects.Verdict && verdictIds.Contains(r.EntityId))
            .OrderBy(r => r.Id)
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

    private async Task<IResult> ApplyAsync(HttpContext context, int claimId, DeskAction action, VerdictDraftInput input, DraftETag baseTag, CancellationToken cancellationToken)
    {
        var outcome = await drafts.ApplyAsync(claimId, action, input, baseTag.DraftId, baseTag.Version, context.User, cancellationToken);
        switch (outcome.Kind)
        {
            case DeskOutcomeKind.NotFound:
                return EditorProblems.NoClaim(claimId);
            case DeskOutcomeKind.Forbidden:
                return EditorProblems.Forbidden(outcome.Message);
            case DeskOutcomeKind.Invalid:
                return EditorProblems.Invalid(outcome.Messages);
            case DeskOutcomeKind.Conflict:
                return await PreconditionFailedAsync(context, claimId, outcome.Message, cancellationToken);
        }

        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        if (desk is null)
        {
            // Retracted or merged just after the save: there is no claim left to describe.
            return EditorProblems.NoClaim(claimId);
        }

        var links = ApiLinks.For(context.Request);
        if (action == DeskAction.Publish)
        {
            var verdictId = baseTag.DraftId ?? 0;
            var rating = RatingScale.TryParseSlug(input.Rating, out var parsed) ? RatingScale.Get(parsed).Slug : input.Rating;
            var now = ApiDraft.From(desk.Claim, null, desk.Published, links);
            context.Response.Headers.ETag = now.ETag;
            return TypedResults.Json(new ApiPublished(
                verdictId, claimId, rating, input.Headline.Trim(), now.ClaimPageUrl, links.Absolute(ApiLinks.VerdictPath(verdictId)), now));
        }

        // The state this save wrote (a colleague may already have saved over it), with the claim's context.
        var body = ApiDraft.From(desk.Claim, outcome.Draft, desk.Published, links);
        context.Response.Headers.ETag = body.ETag;
        return TypedResults.Json(body);
    }

    private static DraftETag CurrentTag(VerdictDesk desk) =>
        desk.Draft is { } draft ? new DraftETag(draft.Id, draft.Version) : DraftETag.NoDraft(desk.Published);

    /// <summary>412 with the draft as it stands now, body and ETag, for the client to merge with its own and send again.</summary>
    private async Task<IResult> PreconditionFailedAsync(HttpContext context, int claimId, string message, CancellationToken cancellationToken)
    {
        var desk = await drafts.LoadAsync(claimId, cancellationToken);
        return desk is null ? EditorProblems.NoClaim(claimId) : PreconditionFailed(context, desk, message);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult PreconditionFailed(HttpContext context, VerdictDesk desk, string message)
    {
        var current = ApiDraft.From(desk, ApiLinks.For(context.Request));
        context.Response.Headers.ETag = current.ETag;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The draft changed",
            detail: message,
            extensions: new Dictionary<string, object?> { ["current"] = current });
    }

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
