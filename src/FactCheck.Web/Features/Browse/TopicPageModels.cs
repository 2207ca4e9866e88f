using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Browse;

/// <summary>One dated step of a topic's timeline. <see cref="AnchorId"/> makes each event linkable.</summary>
public abstract record TimelineEvent(ReportedDate Date, string AnchorId);

/// <summary>A statement made: who said what, when.</summary>
public sealed record TimelineClaim(
    ReportedDate Date,
    int ClaimId,
    string Summary,
    string Url,
    string Quote,
    bool IsVerbatim,
    string ClaimantName,
    string ClaimantUrl,
    string? SaidWhere,
    Rating? CurrentRating) : TimelineEvent(Date, $"claim-{ClaimId}");

/// <summary>A published verdict on one of the topic's claims, dated by its AsOf. Earlier ratings stay on the timeline.</summary>
public sealed record TimelineVerdict(
    ReportedDate Date,
    int VerdictId,
    Rating Rating,
    string Headline,
    string Author,
    bool IsCurrent,
    string ClaimSummary,
    string ClaimUrl) : TimelineEvent(Date, $"verdict-{VerdictId}")
{
    public string Label => RatingScale.Get(Rating).Label;
}

public sealed record TimelinePassage(string Quote, string Url);

/// <summary>A claim this evidence bears on, and how (one claim can cite two passages of a finding with different stances).</summary>
public sealed record TimelineCitation(string ClaimSummary, string ClaimUrl, IReadOnlyList<Stance> Stances);

/// <summary>
/// A dated finding: one organisation's passages of one document at one date, each passage once however
/// many of the topic's claims cite it.
/// </summary>
public sealed record TimelineEvidence(
    ReportedDate Date,
    int FirstEvidenceId,
    string Organization,
    string SourceTitle,
    string SourcePublisher,
    IReadOnlyList<TimelinePassage> Passages,
    IReadOnlyList<TimelineCitation> CitedBy) : TimelineEvent(Date, $"evidence-{FirstEvidenceId}")
{
    /// <inheritdoc cref="EvidenceOrigin.CitedThrough"/>
    public string? CitedThrough => EvidenceOrigin.CitedThrough(Organization, SourcePublisher);
}

/// <param name="Page">Which page of the topic's claims, oldest first, the events belong to.</param>
public sealed record TopicPageModel(string Slug, string Name, string? Description, int ClaimCount, int Page, int PageCount, int ClaimsPerPage, IReadOnlyList<TimelineEvent> Events)
{
    /// <summary>The whole topic's years as a picture (every page shows all of them); null when the topic has no claim.</summary>
    public TopicTimelineChart? Chart { get; init; }

    public int FirstClaimShown => ((Page - 1) * ClaimsPerPage) + 1;

    public int LastClaimShown => Math.Min(Page * ClaimsPerPage, ClaimCount);

    public string Url => SiteUrls.Topic(Slug);

    /// <summary>The canonical URL of this page of the timeline.</summary>
    public string PageUrl(int page) => page <= 1 ? Url : $"{Url}?page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public string? EarlierUrl => Page > 1 ? PageUrl(Page - 1) : null;

    public string? LaterUrl => Page < PageCount ? PageUrl(Page + 1) : null;

    public string ClaimsUrl => SiteUrls.Claims(topic: Slug);
}

public sealed record TopicSummary(string Slug, string Name, string? Description, int ClaimCount)
{
    public string Url => SiteUrls.Topic(Slug);
}
