using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Services;

public sealed record LatestVerdictView(int ClaimId, string ClaimSummary, string ClaimUrl, string ClaimantName, Rating Rating, string Headline, ReportedDate AsOf)
{
    public string AsOfDisplay => AsOf.ToDisplayString();
}

public sealed record TopicClaimView(int ClaimId, string Summary, string Url, string ClaimantName, ReportedDate SaidOn, Rating? CurrentRating);

public sealed record TopicView(string Slug, string Name, string? Description, IReadOnlyList<TopicClaimView> Claims)
{
    public string AnchorId => "topic-" + Slug;
}

public sealed record HomePageModel(IReadOnlyList<LatestVerdictView> LatestVerdicts, IReadOnlyList<TopicView> Topics);
