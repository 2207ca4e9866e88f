using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Account;

namespace FactCheck.Web.Features.Desk.Verdicts;

/// <summary>What the desk can do with the claim's working draft.</summary>
public enum DeskAction
{
    SaveDraft,
    SubmitForReview,
    Publish,
    SendBack,
}

/// <summary>The verdict form's fields, exactly as the editor typed them. Property names are the field names messages attach to.</summary>
public sealed class VerdictDraftInput
{
    /// <summary>The rating's slug on the scale ("false", "mostly-true"); empty until chosen.</summary>
    public string Rating { get; set; } = "";

    public string Headline { get; set; } = "";

    public string ClaimReviewed { get; set; } = "";

    public string Rationale { get; set; } = "";

    public List<int> EvidenceIds { get; set; } = [];

    public string CorrectionNote { get; set; } = "";

    public string ReviewComment { get; set; } = "";

    public VerdictDraftInput Copy() => new()
    {
        Rating = Rating,
        Headline = Headline,
        ClaimReviewed = ClaimReviewed,
        Rationale = Rationale,
        EvidenceIds = [.. EvidenceIds],
        CorrectionNote = CorrectionNote,
        ReviewComment = ReviewComment,
    };
}

/// <summary>One item of the claim's evidence ledger, as the form offers it.</summary>
public sealed record EvidenceChoice(int Id, Stance Stance, string Organization, string Excerpt, string SourceTitle);

/// <summary>The claim as the verdict form shows it, with what ClaimReview needs to know of it.</summary>
public sealed record DeskClaim(int Id, string Slug, string Summary, string Quote, string ClaimantName, string SaidOn, bool FirstAppearanceKnown)
{
    public string Url => Site.SiteUrls.Claim(Id, Slug);
}

/// <summary>The shared working draft as stored: what a colleague sees when they open the form.</summary>
public sealed record DraftState(
    int Id,
    int Version,
    VerdictStatus Status,
    Rating Rating,
    string Headline,
    string? ClaimReviewed,
    string Rationale,
    IReadOnlyList<int> EvidenceIds,
    string? CorrectionNote,
    string? UpdatedBy,
    DateTime? UpdatedAtUtc,
    string? SubmittedBy,
    string? ReviewComment)
{
    public VerdictDraftInput ToInput() => new()
    {
        Rating = RatingScale.Get(Rating).Slug,
        Headline = Headline,
        ClaimReviewed = ClaimReviewed ?? "",
        Rationale = Rationale,
        EvidenceIds = [.. EvidenceIds],
        CorrectionNote = CorrectionNote ?? "",
    };
}

// Id and Version: the published verdict's record and token, part of the API's "no draft" ETag (a new publication changes what GET shows).
public sealed record PublishedVerdictSummary(Rating Rating, string Headline, DateTime? PublishedAtUtc, int Id, int Version);

/// <summary>Everything the verdict form needs for one claim.</summary>
public sealed record VerdictDesk(DeskClaim Claim, IReadOnlyList<EvidenceChoice> Ledger, PublishedVerdictSummary? Published, DraftState? Draft);

public enum DeskOutcomeKind
{
    Saved,
    Invalid,
    Conflict,
    Forbidden,
    NotFound,
}

/// <summary>
/// What a desk action did. On a conflict, <see cref="Theirs"/> is the draft as a colleague saved it
/// (null when it has been published or removed since), for the editor to merge with their own.
/// </summary>
public sealed record DeskOutcome(DeskOutcomeKind Kind, string Message, IReadOnlyList<FieldMessage> Messages, DraftState? Draft = null, DraftState? Theirs = null)
{
    public static DeskOutcome Invalid(IReadOnlyList<FieldMessage> messages) =>
        new(DeskOutcomeKind.Invalid, "Nothing was saved: correct the fields marked below.", messages);

    public static DeskOutcome Forbidden(string message) => new(DeskOutcomeKind.Forbidden, message, []);

    public static DeskOutcome NotFound { get; } = new(DeskOutcomeKind.NotFound, "This claim does not exist.", []);
}

/// <param name="Done">Whether the item holds.</param>
/// <param name="Detail">What is missing or wrong, in words an editor can act on; null when done.</param>
public sealed record ChecklistItem(string Label, bool Done, string? Detail = null);
