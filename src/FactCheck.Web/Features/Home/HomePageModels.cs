using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;

namespace FactCheck.Web.Features.Home;

/// <param name="PublishedOn">When the verdict's author published it; null when unknown (most archive imports).</param>
/// <param name="Author">The organisation that reached the verdict (Polygraph.info for the Balki claim), not this site.</param>
public sealed record LatestVerdictView(int ClaimId, string ClaimSummary, string ClaimUrl, string ClaimantName, Rating Rating, string Headline, ReportedDate AsOf, ReportedDate? PublishedOn = null, string Author = "")
{
    public string AsOfDisplay => AsOf.ToDisplayString();

    /// <summary>
    /// The date to show beside the verdict, which the list is ordered by (newest first): the publication date
    /// where known, else the as-of date. Showing any other date would make the order look wrong.
    /// </summary>
    public ShownDate Shown => ShownDate.Of(PublishedOn, AsOf);

    /// <summary>"Published" or "As of": what kind of date <see cref="ShownDisplay"/> is.</summary>
    public string ShownPrefix => Shown.IsPublication ? "Published" : "As of";

    /// <summary>"December 2021", "15 August 2021" or "2018", to the precision known.</summary>
    public string ShownDisplay => Shown.Date.ToDisplayString();

    /// <summary>For a time element's datetime: "2021-12", "2021-08-15" or "2018".</summary>
    public string ShownIso => Shown.Date.ToIsoString();
}

public sealed record TopicView(string Slug, string Name, string? Description, int ClaimCount)
{
    public string AnchorId => "topic-" + Slug;
}

public sealed record HomePageModel(IReadOnlyList<LatestVerdictView> LatestVerdicts, IReadOnlyList<TopicView> Topics);
