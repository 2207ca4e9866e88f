using System.Globalization;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Home;
using FactCheck.Web.Features.Search;
using FactCheck.Web.Features.Sources;

namespace FactCheck.Web.Site;

/// <summary>
/// The meta description of every kind of page, in one place: the line a search result or a shared link's
/// preview shows under the title. Each is built from what the page shows, so it tells one page from another,
/// and is cut at a word within <see cref="MaxLength"/> characters, about what search engines display.
/// </summary>
public static class PageDescriptions
{
    public const int MaxLength = 160;

    private const string WhatTheSiteDoes = "Public statements checked against the documents that report them";

    public static string Home(HomePageModel model) =>
        model.Topics.Count == 0
            ? $"{WhatTheSiteDoes}. Every verdict shows its evidence and links to the exact passage."
            : Fit("Public statements checked against the record, on ", model.Topics.Select(t => t.Name).ToList());

    /// <summary>The verdict, since the title already is the claim's summary: "Misleading: {headline}. Claim by …".</summary>
    public static string Claim(ClaimPageModel model) =>
        model.CurrentVerdict is { } verdict
            ? WhileItFits($"{RatingScale.Get(verdict.Rating).Label}: {verdict.Headline.TrimEnd('.')}.", $" Claim by {model.Claimant.Name}, {model.SaidOn.ToDisplayString()}.")
            : WhileItFits($"{model.Summary.TrimEnd('.')}.", $" Claim by {model.Claimant.Name}, {model.SaidOn.ToDisplayString()}, under review.");

    public static string Source(SourcePageModel model) =>
        WhileItFits(
            $"{model.Title}: {model.KindDisplay.ToLower(CultureInfo.InvariantCulture)} by {model.Publisher}, {model.PublishedOn.ToDisplayString()}.",
            model.Claims.Count == 0 ? " The archived text." : $" The archived text, cited by {Count(model.Claims.Count, "claim", "claims")}.");

    public static string Claimant(ClaimantPageModel model) =>
        Shorten($"Every checked claim by {model.Name}, {Count(model.TotalClaims, "claim", "claims")} with its current rating, and a scorecard of the ratings.");

    public static string Topic(TopicPageModel model) =>
        Shorten(model.Description is { Length: > 0 } description
            ? description
            : $"{model.Name}: a timeline of {Count(model.ClaimCount, "claim", "claims")}, with the evidence and verdicts as they came.");

    public static string Topics(IReadOnlyList<TopicSummary> topics) =>
        topics.Count == 0
            ? "Claims grouped by story, each told as a timeline of statements, evidence and verdicts."
            : Fit("Timelines of statements, evidence and verdicts: ", topics.Select(t => t.Name).ToList());

    public const string Claims = "Every claim in the archive, filtered by rating, claimant, topic, date and source.";

    /// <summary>The results' counts when a search ran (the page is not indexed, but links to it are shared); otherwise what search does.</summary>
    public static string Search(SearchPageModel model) =>
        Shorten(model.WasRun
            ? $"Search for {TextBlocks.Quoted(model.Query)}: {List(model.Sections.Select(s => SearchKinds.Count(s.Kind, s.Total, s.TotalDisplay)))}."
            : "Search the archive's claims, evidence and documents by word, phrase or prefix, narrowed by rating, claimant, topic, date or document.");

    private static string Shorten(string text) => TextBlocks.Excerpt(text, MaxLength);

    // The first sentence, cut if it must be, then each further one only if it fits whole.
    private static string WhileItFits(string first, params string[] more)
    {
        var text = Shorten(first);
        foreach (var sentence in more)
        {
            if (text.Length + sentence.Length > MaxLength)
            {
                break;
            }

            text += sentence;
        }

        return text;
    }

    private static string Count(int count, string one, string many) =>
        count == 1 ? $"1 {one}" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {many}";

    private static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    // As many names as fit whole, then "and N more": a name cut in half would read as a different name.
    private static string Fit(string before, List<string> names)
    {
        for (var shown = names.Count; shown > 0; shown--)
        {
            var rest = names.Count - shown;
            var text = before + (rest == 0 ? List(names) : $"{string.Join(", ", names.Take(shown))} and {rest} more") + ".";
            if (text.Length <= MaxLength)
            {
                return text;
            }
        }

        return Shorten(before.TrimEnd(' ', ':') + ".");
    }
}
