using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Home;

public sealed record LatestVerdictView(int ClaimId, string ClaimSummary, string ClaimUrl, string ClaimantName, Rating Rating, string Headline, ReportedDate AsOf)
{
    public string AsOfDisplay => AsOf.ToDisplayString();
}

public sealed record TopicView(string Slug, string Name, string? Description, int ClaimCount)
{
    public string AnchorId => "topic-" + Slug;
}

public sealed record HomePageModel(IReadOnlyList<LatestVerdictView> LatestVerdicts, IReadOnlyList<TopicView> Topics);
