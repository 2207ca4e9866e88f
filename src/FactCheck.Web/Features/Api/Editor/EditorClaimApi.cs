using System.ComponentModel;
using System.Globalization;
using FactCheck.Data;
using FactCheck.Web.Features.Desk.Sources;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>POST /api/editor/claims: a claim, as a passage of an archived document and who said it.</summary>
public sealed class ApiNewClaim
{
    [Description("The archived document the claim is quoted from (its id in /api/sources).")]
    public int? SourceId { get; set; }

    [Description("The claim's words exactly as they stand in the document's text.")]
    public string? Quote { get; set; }

    [Description("Offsets of the quote in the document's text (UTF-16 code units), needed only when the words occur more than once.")]
    public int? Start { get; set; }

    public int? End { get; set; }

    [Description("An existing claimant's slug; or leave it out and give speaker.")]
    public string? Claimant { get; set; }

    [Description("Who said it: the claimant of that name, or a new person.")]
    public string? Speaker { get; set; }

    public string? Role { get; set; }

    [Description("One line; the quote's first sentence when left out.")]
    public string? Summary { get; set; }

    [Description("When it was said: 2021-12-05, 2021-12 or 2021; the document's date when left out.")]
    public string? SaidOn { get; set; }
}

/// <summary>POST /api/editor/claims/{id}/evidence: a passage of an archived document that bears on the claim.</summary>
public sealed class ApiNewEvidence
{
    [Description("The archived document the passage is in.")]
    public int? SourceId { get; set; }

    [Description("The passage's words exactly as they stand in the document's text.")]
    public string? Passage { get; set; }

    [Description("Offsets of the passage, needed only when the words occur more than once.")]
    public int? Start { get; set; }

    public int? End { get; set; }

    [Description("contradicts, supports or adds-context.")]
    public string? Stance { get; set; }

    [Description("Whose finding this is.")]
    public string? Organization { get; set; }

    public string? Note { get; set; }

    [Description("When it was found: 2021-12-05, 2021-12 or 2021; the document's date when left out.")]
    public string? FoundOn { get; set; }
}

public sealed record ApiCreatedClaim(int Id, string ClaimPageUrl, string ClaimApiUrl, string DraftApiUrl, string DeskUrl);

public sealed record ApiCreatedEvidence(int Id, int ClaimId, string EvidenceApiUrl, string DeskUrl);

/// <summary>New claims and evidence through the desk's own service (<see cref="DeskSourceService"/>): the same checks, revisions and attribution.</summary>
public sealed class EditorClaimApi(DeskSourceService desk, FactCheckDbContext db)
{
    public async Task<IResult> CreateClaimAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (input, problem) = await EditorJson.ReadAsync<ApiNewClaim>(context.Request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        if (input.SourceId is not { } sourceId)
        {
            return EditorProblems.Invalid("SourceId", "Give the id of an archived document.");
        }

        var outcome = await desk.AddClaimAsync(
            sourceId,
            new NewClaimInput
            {
                Quote = input.Quote,
                Start = Number(input.Start),
                End = Number(input.End),
                Claimant = input.Claimant,
                Speaker = input.Speaker,
                Role = input.Role,
                Summary = input.Summary,
                SaidOn = input.SaidOn,
            },
            Editor(context),
            cancellationToken);
        if (Refusal(outcome, QuoteRenames) is { } refused)
        {
            return refused;
        }

        var id = outcome.ClaimId!.Value;
        var links = ApiLinks.For(context.Request);
        var slug = await db.Claims.Where(c => c.Id == id).Select(c => c.Slug).SingleAsync(cancellationToken);
        var apiUrl = links.Absolute(ApiLinks.ClaimPath(id));
        return TypedResults.Created(apiUrl, new ApiCreatedClaim(
            id,
            links.Absolute(Site.SiteUrls.Claim(id, slug)),
            apiUrl,
            links.Absolute(string.Create(CultureInfo.InvariantCulture, $"{EditorApiEndpoints.Prefix}/claims/{id}/draft")),
            links.Absolute(Desk.Claims.ClaimDeskService.Path(id))));
    }

    public async Task<IResult> AddEvidenceAsync(HttpContext context, int claimId, CancellationToken cancellationToken)
    {
        if (!await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            return EditorProblems.NoClaim(claimId);
        }

        var (input, problem) = await EditorJson.ReadAsync<ApiNewEvidence>(context.Request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        if (input.SourceId is not { } sourceId || !await db.Sources.AnyAsync(s => s.Id == sourceId, cancellationToken))
        {
            return EditorProblems.Invalid("SourceId", "Give the id of an archived document.");
        }

        var outcome = await desk.AddEvidenceAsync(
            sourceId,
            new EvidenceInput
            {
                ClaimId = claimId.ToString(CultureInfo.InvariantCulture),
                Stance = StanceName(input.Stance),
                Organization = input.Organization,
                Note = input.Note,
                FoundOn = input.FoundOn,
                Passage = input.Passage,
                Start = Number(input.Start),
                End = Number(input.End),
            },
            Editor(context),
            cancellationToken);
        if (Refusal(outcome, null) is { } refused)
        {
            return refused;
        }

        var id = outcome.EvidenceId!.Value;
        var links = ApiLinks.For(context.Request);
        var apiUrl = links.Absolute(ApiLinks.EvidencePath(id));
        return TypedResults.Created(apiUrl, new ApiCreatedEvidence(id, claimId, apiUrl, links.Absolute(ApiDraft.DeskVerdictPath(claimId))));
    }

    /// <summary>The desk's passage field is the claim's quote here.</summary>
    private static readonly Dictionary<string, string> QuoteRenames = new(StringComparer.Ordinal) { ["Passage"] = "quote" };

    private static IResult? Refusal(DeskActionOutcome outcome, IReadOnlyDictionary<string, string>? renames)
    {
        if (outcome.Succeeded)
        {
            return null;
        }

        return outcome.Problems.Count > 0
            ? EditorProblems.Invalid(outcome.Problems, renames: renames)
            : EditorProblems.Conflict("Not saved", outcome.Message ?? "Nothing was saved.");
    }

    /// <summary>The API's stance names are the public API's (adds-context); the desk's are the enum's.</summary>
    private static string? StanceName(string? stance) => stance?.Trim().ToLowerInvariant() switch
    {
        "contradicts" => "Contradicts",
        "supports" => "Supports",
        "adds-context" => "AddsContext",
        _ => stance ?? "",
    };

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Editor(HttpContext context) =>
        context.User.Identity?.Name ?? throw new InvalidOperationException("The editors' API runs only for an authenticated token.");
}
