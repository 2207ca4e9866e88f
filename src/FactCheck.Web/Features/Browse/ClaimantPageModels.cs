using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Browse;

/// <summary>One line of the scorecard: a rating (null: under review) and how many of the claimant's claims hold it now.</summary>
public sealed record ScorecardRow(Rating? Rating, string Label, int Count, string? ClaimsUrl);

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
}
