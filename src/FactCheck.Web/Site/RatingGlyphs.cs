using FactCheck.Data.Verdicts;
using Microsoft.AspNetCore.Components;

namespace FactCheck.Web.Site;

/// <summary>
/// One glyph per rating, drawn on a 16×16 grid in the badge's text colour, so a rating reads by its shape
/// as well as its colour (WCAG 1.4.1): a check, a three-quarter and a half disc, a wave, a warning
/// triangle, a cross, a question mark, and three dots for "not rated yet".
/// </summary>
public static class RatingGlyphs
{
    public const string ViewBox = "0 0 16 16";

    private const string Stroke = "fill=\"none\" stroke=\"currentColor\" stroke-linecap=\"round\" stroke-linejoin=\"round\"";
    private const string Ring = $"<circle cx=\"8\" cy=\"8\" r=\"6.2\" {Stroke} stroke-width=\"1.6\"/>";

    private static readonly MarkupString True = new($"<path d=\"M3 8.6l3.2 3.2L13 4.6\" {Stroke} stroke-width=\"2.4\"/>");
    private static readonly MarkupString MostlyTrue = new($"{Ring}<path d=\"M8 8V1.8A6.2 6.2 0 1 1 1.8 8Z\"/>");
    private static readonly MarkupString HalfTrue = new($"{Ring}<path d=\"M8 1.8A6.2 6.2 0 0 1 8 14.2Z\"/>");
    private static readonly MarkupString Misleading = new($"<path d=\"M2 6.3c2-2.6 4-2.6 6 0s4 2.6 6 0M2 11c2-2.6 4-2.6 6 0s4 2.6 6 0\" {Stroke} stroke-width=\"1.9\"/>");
    private static readonly MarkupString MostlyFalse = new($"<path d=\"M8 1.8L14.8 14H1.2Z\" {Stroke} stroke-width=\"1.6\"/><path d=\"M8 6.2v3.6\" {Stroke} stroke-width=\"1.9\"/><circle cx=\"8\" cy=\"11.9\" r=\"1\"/>");
    private static readonly MarkupString False = new($"<path d=\"M3.6 3.6l8.8 8.8M12.4 3.6l-8.8 8.8\" {Stroke} stroke-width=\"2.4\"/>");
    private static readonly MarkupString Unproven = new($"<path d=\"M5.4 6a2.6 2.6 0 1 1 3.7 2.3c-.7.4-1.1.9-1.1 1.8\" {Stroke} stroke-width=\"2\"/><circle cx=\"8\" cy=\"13.2\" r=\"1.2\"/>");
    private static readonly MarkupString UnderReview = new("<circle cx=\"3\" cy=\"8\" r=\"1.6\"/><circle cx=\"8\" cy=\"8\" r=\"1.6\"/><circle cx=\"13\" cy=\"8\" r=\"1.6\"/>");

    /// <summary>The glyph's SVG elements for a rating; null (no published verdict) gets the "under review" dots.</summary>
    public static MarkupString For(Rating? rating) => rating switch
    {
        Rating.True => True,
        Rating.MostlyTrue => MostlyTrue,
        Rating.HalfTrue => HalfTrue,
        Rating.Misleading => Misleading,
        Rating.MostlyFalse => MostlyFalse,
        Rating.False => False,
        Rating.Unproven => Unproven,
        null => UnderReview,
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating without a glyph."),
    };
}
