using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Claims;

/// <param name="Slug">Links the name to the claimant's record; null where the view is built without one.</param>
public sealed record ClaimantView(string Name, ClaimantKind Kind, string? Role, string? Affiliation, string? Slug = null)
{
    public string? Url => Slug is null ? null : SiteUrls.Claimant(Slug);

    /// <summary>"spokesperson, Foreign Affairs Ministry" – the parts that are known.</summary>
    public string? Description =>
        string.Join(", ", new[] { Role, Affiliation }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text : null;
}

public sealed record TopicLink(string Slug, string Name)
{
    public string Url => SiteUrls.Topic(Slug);
}

/// <param name="RationaleHtml">Already rendered by <see cref="FactCheck.Data.Text.MarkdownRenderer"/>; inserted as markup.</param>
/// <param name="CorrectionNote">Why this verdict replaced an earlier published one; null for a first verdict.</param>
/// <param name="ClaimReviewed">The desk's short form of the claim for ClaimReview; null for archive imports.</param>
/// <param name="PublishedOn">When the verdict's author published it; null when unknown (most archive imports).</param>
public sealed record VerdictView(int Id, Rating Rating, string Headline, string RationaleHtml, string Author, ReportedDate AsOf, DateTime? PublishedAtUtc, string? CorrectionNote = null, string? ClaimReviewed = null, ReportedDate? PublishedOn = null)
{
    public string AsOfDisplay => AsOf.ToDisplayString();

    /// <summary>The date a reader is shown: the publication date where known, else the as-of date.</summary>
    public ShownDate Shown => ShownDate.Of(PublishedOn, AsOf);

    /// <summary>The day the correction was published, as the corrections log shows it.</summary>
    public DateOnly? CorrectedOn => CorrectionNote is not null && PublishedAtUtc is { } at ? DateOnly.FromDateTime(at) : null;
}

/// <param name="FoundOn">Display form of when the finding was made ("30 November 2021", "July 2021").</param>
/// <param name="PassageUrl">The cited passage in the document reader: /sources/{id}/{slug}#passage-{pid}.</param>
public sealed record EvidenceView(
    Stance Stance,
    string Organization,
    string FoundOn,
    string Quote,
    string Note,
    string SourceTitle,
    string SourcePublisher,
    string PassageUrl)
{
    /// <inheritdoc cref="EvidenceOrigin.CitedThrough"/>
    public string? CitedThrough => EvidenceOrigin.CitedThrough(Organization, SourcePublisher);

    /// <summary>Set when the source's corrected text no longer holds the passage: the day it was found missing.</summary>
    public DateOnly? LostOn { get; init; }

    /// <summary>The original article (http(s) only), with a text fragment that lands on the quote while it is in our text.</summary>
    public string? OriginalUrl { get; init; }

    public string? ArchiveUrl { get; init; }

    public DateOnly? AccessedOn { get; init; }

    /// <summary>
    /// The link out to the publisher: with the quote's text fragment while the passage is found, the bare URL once
    /// it is lost (the words the fragment would look for are no longer known to be there); null unless http(s).
    /// </summary>
    public static string? OriginalLink(string? url, string exact, string prefix, string suffix, bool lost) =>
        !MarkdownRenderer.IsWebUrl(url) ? null : lost ? url : TextFragments.Link(url, exact, prefix, suffix);
}

public sealed record AppearanceView(
    int PassageId,
    int SourceId,
    string SourceTitle,
    string SourcePublisher,
    ReportedDate PublishedOn,
    string? OriginalUrl,
    string Quote,
    string SourceUrl,
    string PassageUrl);

public sealed record ClaimPageModel(
    int Id,
    string Slug,
    string Quote,
    bool IsVerbatim,
    string Summary,
    ClaimantView Claimant,
    ReportedDate SaidOn,
    string? SaidWhere,
    IReadOnlyList<TopicLink> Topics,
    VerdictView? CurrentVerdict,
    IReadOnlyList<VerdictView> EarlierVerdicts,
    IReadOnlyList<EvidenceView> Evidence,
    IReadOnlyList<AppearanceView> Appearances)
{
    public string Url => SiteUrls.Claim(Id, Slug);

    /// <summary>Claims making the same assertion (see <see cref="SimilarClaims"/>), with the words they share.</summary>
    public IReadOnlyList<SimilarClaimView> SimilarClaims { get; init; } = [];

    /// <summary>The page's published versions, newest first (<see cref="VersionHistory"/>); empty for a model built without them.</summary>
    public VersionHistory History { get; init; } = new(0, []);
}
