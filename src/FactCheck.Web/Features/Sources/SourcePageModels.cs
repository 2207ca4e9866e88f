using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Sources;

/// <summary>A cited span of the document; offsets in UTF-16 code units, End exclusive.</summary>
public sealed record PassageSpan(int Id, int Start, int End);

/// <summary>What a passage is cited for, listed under the document.</summary>
/// <param name="Stance">Null for an appearance (the passage reports the claim); otherwise the evidence stance.</param>
public sealed record SourceCitationView(int PassageId, string PassageUrl, string Quote, Stance? Stance, string? Organization, string? Note)
{
    /// <summary>"Contradicting evidence from Human Rights Watch", or "Reports the claim" for an appearance.</summary>
    public string Label => Stance is { } stance
        ? StanceLabels.GroupHeading(stance) + (string.IsNullOrWhiteSpace(Organization) ? "" : $" from {Organization}")
        : "Reports the claim";

    /// <summary>The stance's CSS modifier, "appearance" for a passage that reports the claim.</summary>
    public string CssName => Stance is { } stance ? StanceLabels.CssName(stance) : "appearance";
}

/// <summary>One claim's use of one passage, said in a note beside the passage in the document text.</summary>
/// <param name="Stance">Null when the passage reports the claim itself; otherwise how the evidence bears on it.</param>
public sealed record PassageCitation(int PassageId, Stance? Stance, string ClaimSummary, string ClaimUrl, string ClaimantName)
{
    /// <summary>"Cited as evidence (contradicts) for", "Reports the claim by Abdul Qahar Balki"; a colon and the claim follow.</summary>
    public string Label => Stance is { } stance
        ? $"Cited as evidence ({StanceLabels.Name(stance).ToLowerInvariant()}) for"
        : $"Reports the claim by {ClaimantName}";

    public string CssName => Stance is { } stance ? StanceLabels.CssName(stance) : "appearance";
}

/// <summary>A cited passage the corrected text no longer holds: its quote as cited, since when, and what cites it.</summary>
public sealed record LostPassageView(int PassageId, string Quote, DateOnly LostOn, IReadOnlyList<PassageCitation> Citations);

public sealed record SourceClaimView(int ClaimId, string ClaimSummary, string ClaimUrl, Rating? CurrentRating, IReadOnlyList<SourceCitationView> Citations);

public sealed record SourcePageModel(
    int Id,
    string Slug,
    string Title,
    SourceKind Kind,
    string Publisher,
    string? Author,
    ReportedDate PublishedOn,
    string? OriginalUrl,
    string? ArchiveUrl,
    string Language,
    string? AttributionNote,
    string Text,
    string ContentHash,
    IReadOnlyList<PassageSpan> Passages,
    IReadOnlyList<SourceClaimView> Claims,
    IReadOnlyList<PassageCitation> PassageCitations)
{
    public string Url => SiteUrls.Source(Id, Slug);

    /// <summary>The day the original URL was read, when known.</summary>
    public DateOnly? AccessedOn { get; init; }

    /// <summary>Cited passages no longer in the corrected text; <see cref="Passages"/> holds only the ones found.</summary>
    public IReadOnlyList<LostPassageView> LostPassages { get; init; } = [];

    public string KindDisplay => Kind switch
    {
        SourceKind.NewsArticle => "News article",
        SourceKind.Report => "Report",
        SourceKind.OfficialStatement => "Official statement",
        SourceKind.VideoReport => "Video report (transcript)",
        SourceKind.FactCheck => "Fact-check",
        _ => Kind.ToString(),
    };

    /// <summary>Date with its precision spelled out, so "2021" is not read as a guessed day.</summary>
    public string PublishedOnDisplay => PublishedOn.Precision switch
    {
        DatePrecision.Day => PublishedOn.ToDisplayString(),
        DatePrecision.Month => PublishedOn.ToDisplayString() + " (day not known)",
        _ => PublishedOn.ToDisplayString() + " (month and day not known)",
    };
}
