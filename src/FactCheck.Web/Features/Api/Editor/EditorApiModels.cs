using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Desk.Verdicts;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>The claim's working verdict draft as the editors' API reads and writes it.</summary>
/// <param name="Status">none (no working draft: the first save makes one), draft or in-review.</param>
/// <param name="Version">The draft's concurrency token, also in the ETag; null when there is no draft.</param>
/// <param name="Rating">The rating's slug on the scale (false, mostly-true ...); null when there is no draft.</param>
public sealed record ApiDraft(
    int ClaimId,
    string Status,
    int? DraftId,
    int? Version,
    [property: JsonPropertyName("etag")] string ETag,
    string? Rating,
    string Headline,
    string ClaimReviewed,
    string Rationale,
    IReadOnlyList<int> EvidenceIds,
    string CorrectionNote,
    string? UpdatedBy,
    DateTime? UpdatedAtUtc,
    string? SubmittedBy,
    string? ReviewComment,
    ApiPublishedSummary? Published,
    string ClaimPageUrl,
    string ClaimApiUrl,
    string DeskUrl)
{
    public static ApiDraft From(VerdictDesk desk, ApiLinks links) => From(desk.Claim, desk.Draft, desk.Published, links);

    public static ApiDraft From(DeskClaim claim, DraftState? draft, PublishedVerdictSummary? published, ApiLinks links)
    {
        var claimId = claim.Id;
        var etag = draft is null ? DraftETag.NoDraft(published) : new DraftETag(draft.Id, draft.Version);
        var publishedSummary = published is null ? null : new ApiPublishedSummary(RatingScale.Get(published.Rating).Slug, published.Headline, Utc(published.PublishedAtUtc));
        var pageUrl = links.Absolute(claim.Url);
        var apiUrl = links.Absolute(ApiLinks.ClaimPath(claimId));
        var deskUrl = links.Absolute(DeskVerdictPath(claimId));
        return draft is null
            ? new ApiDraft(claimId, "none", null, null, etag.ToString(), null, "", "", "", [], "", null, null, null, null, publishedSummary, pageUrl, apiUrl, deskUrl)
            : new ApiDraft(
                claimId,
                draft.Status == VerdictStatus.InReview ? "in-review" : "draft",
                draft.Id,
                draft.Version,
                etag.ToString(),
                RatingScale.Get(draft.Rating).Slug,
                draft.Headline,
                draft.ClaimReviewed ?? "",
                draft.Rationale,
                draft.EvidenceIds,
                draft.CorrectionNote ?? "",
                draft.UpdatedBy,
                Utc(draft.UpdatedAtUtc),
                draft.SubmittedBy,
                draft.ReviewComment,
                publishedSummary,
                pageUrl,
                apiUrl,
                deskUrl);
    }

    public static string DeskVerdictPath(int claimId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/editor/claims/{claimId}/verdict");

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}

/// <summary>The claim's current published verdict, beside the draft: publishing over it needs a correction note.</summary>
public sealed record ApiPublishedSummary(string Rating, string Headline, DateTime? PublishedAtUtc);

/// <summary>What PUT /api/editor/claims/{id}/draft saves: the verdict form's fields. A field left out counts as empty.</summary>
public sealed class ApiDraftInput
{
    [Description("The rating's slug: true, mostly-true, half-true, misleading, mostly-false, false or unproven.")]
    public string? Rating { get; set; }

    [Description("At most 120 characters.")]
    public string? Headline { get; set; }

    [Description("ClaimReview's claimReviewed: the claim in under 75 characters, without the rating. Needed to submit.")]
    public string? ClaimReviewed { get; set; }

    [Description("Markdown: what the evidence shows.")]
    public string? Rationale { get; set; }

    [Description("Ids of evidence items on this claim's ledger the verdict rests on.")]
    public List<int>? EvidenceIds { get; set; }

    [Description("Why the verdict replaces the published one; needed to publish over an existing verdict.")]
    public string? CorrectionNote { get; set; }

    public VerdictDraftInput ToInput() => new()
    {
        Rating = Rating ?? "",
        Headline = Headline ?? "",
        ClaimReviewed = ClaimReviewed ?? "",
        Rationale = Rationale ?? "",
        EvidenceIds = EvidenceIds ?? [],
        CorrectionNote = CorrectionNote ?? "",
    };
}

/// <summary>A verdict published through the API: the draft became this verdict, and the claim now has no working draft.</summary>
public sealed record ApiPublished(int VerdictId, int ClaimId, string Rating, string Headline, string ClaimPageUrl, string VerdictApiUrl, ApiDraft Draft);

/// <summary>One revision of one of the claim's verdicts (drafts included), as the history page lists it.</summary>
/// <param name="Action">created or updated.</param>
/// <param name="Snapshot">The verdict's fields after the change, as stored.</param>
public sealed record ApiRevision(int VerdictId, int Number, string Action, string Author, string? Reason, DateTime CreatedAtUtc, IReadOnlyList<string> ChangedFields, JsonElement Snapshot);

public sealed record ApiRevisionList(int ClaimId, IReadOnlyList<ApiRevision> Revisions);
