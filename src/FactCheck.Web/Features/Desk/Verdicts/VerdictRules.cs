using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Account;

namespace FactCheck.Web.Features.Desk.Verdicts;

/// <summary>
/// The rules a verdict must meet, one definition for the form's live messages and the server's check
/// before any save: the form calls them on every change, the service again on every action.
/// </summary>
public static class VerdictRules
{
    public const int HeadlineMaxLength = 120;

    /// <summary>Google's guidance for claimReviewed: aggregators cut longer text.</summary>
    public const int ClaimReviewedMaxLength = 75;

    public const int NoteMaxLength = 2000;

    /// <summary>Ratings that assert truth or falsehood strongly enough to need evidence with that stance.</summary>
    public static Stance? RequiredStance(Rating rating) => rating switch
    {
        Rating.True or Rating.MostlyTrue => Stance.Supports,
        Rating.False or Rating.MostlyFalse => Stance.Contradicts,
        _ => null,
    };

    /// <summary>The ClaimReview checklist: what Fact Check Explorer and other readers of the markup need.</summary>
    public static IReadOnlyList<ChecklistItem> Checklist(VerdictDraftInput input, DeskClaim claim)
    {
        var reviewed = input.ClaimReviewed.Trim();
        var hasRating = RatingScale.TryParseSlug(input.Rating, out var rating);
        var ratingText = hasRating ? RatingScale.Get(rating).Label : null;
        return
        [
            reviewed.Length == 0
                ? new("claimReviewed given", false, "Write the claim in a few words in Claim reviewed.")
                : new("claimReviewed given", true),
            reviewed.Length is > 0 and < ClaimReviewedMaxLength
                ? new("claimReviewed under 75 characters", true)
                : new("claimReviewed under 75 characters", false, $"Claim reviewed is {reviewed.Length} characters; keep it under {ClaimReviewedMaxLength}."),
            ratingText is not null && reviewed.Contains(ratingText, StringComparison.OrdinalIgnoreCase)
                ? new("claimReviewed does not give the rating", false, $"Claim reviewed contains the rating \"{ratingText}\": state the claim, not the verdict.")
                : new("claimReviewed does not give the rating", true),
            hasRating
                ? new("Rating text and value on the scale", true, null)
                : new("Rating text and value on the scale", false, "Choose a rating."),
            string.IsNullOrWhiteSpace(claim.ClaimantName)
                ? new("Claim's author known", false, "The claim has no claimant.")
                : new("Claim's author known", true),
            claim.FirstAppearanceKnown
                ? new("Claim's first appearance known", true)
                : new("Claim's first appearance known", false, "Add the document where the claim first appeared before publishing."),
        ];
    }

    /// <summary>
    /// The field messages for an action; empty when it may go ahead. Content rules apply to every save,
    /// the checklist and the correction note only to submitting and publishing, the comment to sending back.
    /// </summary>
    public static IReadOnlyList<FieldMessage> Validate(DeskAction action, VerdictDraftInput input, VerdictDesk desk)
    {
        var messages = new List<FieldMessage>();
        if (action == DeskAction.SendBack)
        {
            if (string.IsNullOrWhiteSpace(input.ReviewComment))
            {
                messages.Add(new(nameof(input.ReviewComment), "Say what the draft needs: the editor sees this comment."));
            }
            else if (input.ReviewComment.Length > NoteMaxLength)
            {
                messages.Add(new(nameof(input.ReviewComment), $"Keep the comment to {NoteMaxLength} characters."));
            }

            return messages;
        }

        var hasRating = RatingScale.TryParseSlug(input.Rating, out var rating);
        if (!hasRating)
        {
            messages.Add(new(nameof(input.Rating), "Choose a rating."));
        }

        var headline = input.Headline.Trim();
        if (headline.Length == 0)
        {
            messages.Add(new(nameof(input.Headline), "Write a headline."));
        }
        else if (headline.Length > HeadlineMaxLength)
        {
            messages.Add(new(nameof(input.Headline), $"The headline is {headline.Length} characters; keep it to {HeadlineMaxLength}."));
        }

        if (string.IsNullOrWhiteSpace(input.Rationale))
        {
            messages.Add(new(nameof(input.Rationale), "Write the rationale: what the evidence shows."));
        }
        else if (input.Rationale.Length > MarkdownRenderer.MaxInputLength)
        {
            messages.Add(new(nameof(input.Rationale), $"The rationale is {input.Rationale.Length:N0} characters; keep it to {MarkdownRenderer.MaxInputLength:N0}."));
        }

        if (input.ClaimReviewed.Trim().Length > 300)
        {
            messages.Add(new(nameof(input.ClaimReviewed), $"Keep Claim reviewed under {ClaimReviewedMaxLength} characters."));
        }

        var ledger = desk.Ledger.ToDictionary(e => e.Id);
        if (input.EvidenceIds.Any(id => !ledger.ContainsKey(id)))
        {
            messages.Add(new(nameof(input.EvidenceIds), "Choose evidence from this claim's ledger only."));
        }
        else if (hasRating && RequiredStance(rating) is { } stance && !input.EvidenceIds.Any(id => ledger[id].Stance == stance))
        {
            var label = RatingScale.Get(rating).Label;
            var needed = stance == Stance.Supports ? "supports" : "contradicts";
            messages.Add(new(nameof(input.EvidenceIds), $"A rating of {label} needs at least one evidence item that {needed} the claim."));
        }

        if (input.CorrectionNote.Length > NoteMaxLength)
        {
            messages.Add(new(nameof(input.CorrectionNote), $"Keep the correction note to {NoteMaxLength} characters."));
        }

        if (action is DeskAction.SubmitForReview or DeskAction.Publish)
        {
            foreach (var item in Checklist(input, desk.Claim).Where(i => !i.Done))
            {
                var field = item.Label.StartsWith("claimReviewed", StringComparison.Ordinal) ? nameof(input.ClaimReviewed)
                    : item.Label.StartsWith("Rating", StringComparison.Ordinal) ? nameof(input.Rating)
                    : "";
                if (!messages.Any(m => m.Field == field && field.Length > 0))
                {
                    messages.Add(new(field, item.Detail!));
                }
            }

            if (action == DeskAction.Publish && desk.Published is not null && string.IsNullOrWhiteSpace(input.CorrectionNote))
            {
                messages.Add(new(nameof(input.CorrectionNote), "Say why the verdict changes: readers see this note in the corrections log."));
            }
        }

        return messages;
    }
}
