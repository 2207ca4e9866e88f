using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// Every way the site words an evidence stance, in one place, so a reworded label or a new stance reaches
/// every page at once. The forms differ only because they fill different places in a page.
/// </summary>
public static class StanceLabels
{
    /// <summary>The stance's CSS modifier and anchor part: <c>evidence--context</c>, <c>#evidence-context</c>.</summary>
    public static string CssName(Stance stance) => stance switch
    {
        Stance.Contradicts => "contradicts",
        Stance.Supports => "supports",
        _ => "context",
    };

    /// <summary>A heading over the evidence of one stance: "Contradicting evidence".</summary>
    /// <summary>The stance on its own, as the desk's evidence choices label it.</summary>
    public static string Name(Stance stance) => stance switch
    {
        Stance.Contradicts => "Contradicts",
        Stance.Supports => "Supports",
        _ => "Adds context",
    };

    public static string GroupHeading(Stance stance) => stance switch
    {
        Stance.Contradicts => "Contradicting evidence",
        Stance.Supports => "Supporting evidence",
        _ => "Context",
    };

    /// <summary>After the claim it is said of, in a list: "(contradicts it)".</summary>
    public static string TowardsClaim(Stance stance) => stance switch
    {
        Stance.Contradicts => "contradicts it",
        Stance.Supports => "supports it",
        _ => "adds context",
    };

    /// <summary>Standing alone, as in a search result's line: "Contradicts the claim".</summary>
    public static string Description(Stance stance) => stance switch
    {
        Stance.Contradicts => "Contradicts the claim",
        Stance.Supports => "Supports the claim",
        _ => "Adds context",
    };
}
