using System.ComponentModel;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.AspNetCore.Mvc;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>
/// The editors' API under /api/editor: the working verdict draft (read, save with If-Match, submit, publish), the
/// claim's verdict revisions, and new claims and evidence. Token-authenticated only, never cached, described in the
/// same OpenAPI document as the public API under the tag "Editors". See docs/decisions/editors-api.md.
/// </summary>
public static class EditorApiEndpoints
{
    public const string Prefix = "/api/editor";
    public const string Tag = "Editors";

    /// <summary>The policy of every /api/editor route: a valid token (no cookie) of an editor or a chief editor.</summary>
    public const string Policy = "editor-api";

    /// <summary>
    /// The largest request body an editor's call may send: a verdict's rationale or a claim is a few pages at
    /// most, and the server's default (30 MB) would let one token tie up memory for nothing.
    /// </summary>
    public const long MaxBodyBytes = 256 * 1024;

    private const string IdDescription = "The claim's id.";
    private const string IfMatchDescription = "The ETag of the draft as you read it (\"none\" when the claim had no draft).";

    public static IEndpointRouteBuilder MapEditorApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var editor = endpoints.MapGroup(Prefix)
            .RequireAuthorization(Policy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithTags(Tag)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var draft = editor.MapGroup("/claims/{id:int}/draft");
        draft.MapGet("", GetDraftAsync)
            .WithName("GetDraft")
            .WithSummary("Get the working verdict draft")
            .WithDescription("The claim's one working verdict draft, as the desk's verdict form shows it, with its ETag. "
                + "A claim without a draft answers 200 with status \"none\" and the ETag \"none\": the first PUT with If-Match: \"none\" creates the draft.")
            .Produces<ApiDraft>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        draft.MapPut("", SaveDraftAsync)
            .WithName("SaveDraft")
            .WithSummary("Save the working verdict draft")
            .WithDescription("Saves the draft through the desk's rules, leaving the same revision as the form. If-Match is required: "
                + "412 with the current draft (body and ETag) when it changed since, 428 without If-Match, 400 with field messages on bad input; nothing is saved then.")
            .Accepts<ApiDraftInput>("application/json")
            .Produces<ApiDraft>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        draft.MapPost("/submit", SubmitAsync)
            .WithName("SubmitDraft")
            .WithSummary("Submit the draft for review")
            .WithDescription("Submits the draft as stored, after the ClaimReview checklist; audited like the form's Submit. If-Match, when sent, must name the current draft.")
            .Produces<ApiDraft>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        draft.MapPost("/publish", PublishAsync)
            .WithName("PublishDraft")
            .WithSummary("Publish the draft (chief editor)")
            .WithDescription("Publishes the draft in review as the claim's verdict: on the claim page and in the feeds at once. Chief editors only (403 otherwise); "
                + "409 when the draft is not in review. The claim then has no working draft.")
            .Produces<ApiPublished>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        editor.MapGet("/claims/{id:int}/revisions", GetRevisionsAsync)
            .WithName("ListVerdictRevisions")
            .WithSummary("List the claim's verdict revisions")
            .WithDescription("Every revision of the claim's verdicts and drafts, oldest first: number, action, author, reason, time, changed fields and the snapshot.")
            .Produces<ApiRevisionList>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        editor.MapPost("/claims", CreateClaimAsync)
            .WithName("CreateClaim")
            .WithSummary("Create a claim")
            .WithDescription("A claim quoted from an archived document: the quote must be the document's own words (with start and end when they occur more than once), "
                + "said by an existing claimant (slug) or a speaker (name). 201 with the claim's API address in Location; it then has no verdict and no evidence.")
            .Accepts<ApiNewClaim>("application/json")
            .Produces<ApiCreatedClaim>(StatusCodes.Status201Created, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        editor.MapPost("/claims/{id:int}/evidence", AddEvidenceAsync)
            .WithName("AddEvidence")
            .WithSummary("Add evidence to a claim")
            .WithDescription("Cites a passage of an archived document as evidence on the claim, found as the desk's evidence form finds it. "
                + "201 with the evidence item's API address in Location; 409 when the passage is already evidence on this claim.")
            .Accepts<ApiNewEvidence>("application/json")
            .Produces<ApiCreatedEvidence>(StatusCodes.Status201Created, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static Task<IResult> CreateClaimAsync(HttpContext context, EditorClaimApi api, CancellationToken cancellationToken) =>
        api.CreateClaimAsync(context, cancellationToken);

    private static Task<IResult> AddEvidenceAsync(HttpContext context, EditorClaimApi api, [Description(IdDescription)] int id, CancellationToken cancellationToken) =>
        api.AddEvidenceAsync(context, id, cancellationToken);

    private static Task<IResult> GetDraftAsync(HttpContext context, EditorDraftApi api, [Description(IdDescription)] int id, CancellationToken cancellationToken) =>
        api.GetAsync(context, id, cancellationToken);

    private static Task<IResult> SaveDraftAsync(
        HttpContext context,
        EditorDraftApi api,
        [Description(IdDescription)] int id,
        [FromHeader(Name = "If-Match"), Description(IfMatchDescription)] string? ifMatch,
        CancellationToken cancellationToken) =>
        api.SaveAsync(context, id, cancellationToken);

    private static Task<IResult> SubmitAsync(
        HttpContext context,
        EditorDraftApi api,
        [Description(IdDescription)] int id,
        [FromHeader(Name = "If-Match"), Description(IfMatchDescription)] string? ifMatch,
        CancellationToken cancellationToken) =>
        api.MoveAsync(context, id, DeskAction.SubmitForReview, cancellationToken);

    private static Task<IResult> PublishAsync(
        HttpContext context,
        EditorDraftApi api,
        [Description(IdDescription)] int id,
        [FromHeader(Name = "If-Match"), Description(IfMatchDescription)] string? ifMatch,
        CancellationToken cancellationToken) =>
        api.MoveAsync(context, id, DeskAction.Publish, cancellationToken);

    private static Task<IResult> GetRevisionsAsync(EditorDraftApi api, [Description(IdDescription)] int id, CancellationToken cancellationToken) =>
        api.RevisionsAsync(id, cancellationToken);
}
