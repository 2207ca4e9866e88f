using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace FactCheck.Tests.Infrastructure;

/// <summary>Parses HTML the way a browser would, so tests assert on elements and decoded attributes, not on strings.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Parses a fragment (such as rendered Markdown) inside a body element.</summary>
    public static IHtmlDocument ParseFragment(string html) => Parser.ParseDocument($"<!doctype html><html><body>{html}</body></html>");
}
