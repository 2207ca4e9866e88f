using System.Globalization;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Browse;

/// <summary>One line of the scorecard: a rating (null: under review) and how many of the claimant's claims hold it now.</summary>
public sealed record ScorecardRow(Rating? Rating, string Label, int Count, string? ClaimsUrl);

/// <summary>
/// Who reached the current verdicts the scorecard counts: one organisation (a verdict's Author, such as
/// Polygraph.info or "FactCheck archive desk") and how many of the claimant's current ratings are its.
/// </summary>
/// <param name="ByRating">Its count per rating; ratings it gave none of are absent.</param>
public sealed record ScorecardAttribution(string Organisation, int Count, IReadOnlyDictionary<Rating, int> ByRating)
{
    /// <summary>"Polygraph.info (1)".</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"{Organisation} ({Count})");
}

public sealed record ClaimantPageModel(
    string Slug,
    string Name,
    ClaimantKind Kind,
    string? Role,
    string? Affiliation,
    int TotalClaims,
    IReadOnlyList<ScorecardRow> Scorecard,
    IReadOnlyList<ClaimListItem> Claims)
{
    public string Url => SiteUrls.Claimant(Slug);

    public string KindLabel => Kind == ClaimantKind.Organization ? "Organisation" : "Person";

    /// <summary>Where the full record continues when the page shows only the newest claims.</summary>
    public string AllClaimsUrl => SiteUrls.Claims(claimant: Slug);

    public bool IsTruncated => Claims.Count < TotalClaims;

    /// <summary>The organisations whose verdicts the scorecard counts, most ratings first; empty when nothing is rated yet.</summary>
    public IReadOnlyList<ScorecardAttribution> RatedBy { get; init; } = [];

    /// <summary>"Ratings by Polygraph.info (1), FactCheck archive desk (2)"; null when nothing is rated yet.</summary>
    public string? RatedBySummary => RatedBy.Count == 0 ? null : "Ratings by " + string.Join(", ", RatedBy.Select(a => a.Display));
}
