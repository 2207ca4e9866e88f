using System.Net;
using System.Text;
using FactCheck.Data.Search;
using Microsoft.AspNetCore.Components;

namespace FactCheck.Web.Features.Search;

/// <summary>
/// Turns the index's highlighted text into HTML: every character of the document is HTML-encoded first,
/// and only the index's own match markers become &lt;mark&gt; elements, always balanced. Document text is
/// never emitted as markup, so a source quoting "&lt;script&gt;" shows those characters, nothing more.
/// </summary>
public static class SearchSnippets
{
    public static MarkupString ToHtml(string? highlighted)
    {
        if (string.IsNullOrEmpty(highlighted))
        {
            return new MarkupString(string.Empty);
        }

        var html = new StringBuilder(highlighted.Length + 32);
        var open = false;
        var segmentStart = 0;
        for (var i = 0; i <= highlighted.Length; i++)
        {
            var atEnd = i == highlighted.Length;
            var c = atEnd ? '\0' : highlighted[i];
            if (!atEnd && c != SearchHighlight.Start && c != SearchHighlight.End)
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(highlighted[segmentStart..i]));
            segmentStart = i + 1;
            if (atEnd)
            {
                break;
            }

            if (c == SearchHighlight.Start && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (c == SearchHighlight.End && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        if (open)
        {
            html.Append("</mark>");
        }

        return new MarkupString(html.ToString());
    }

    /// <summary>The text without match markers, for attributes and plain-text uses.</summary>
    public static string ToPlainText(string? highlighted) =>
        highlighted is null ? string.Empty : highlighted.Replace(SearchHighlight.Start.ToString(), "", StringComparison.Ordinal).Replace(SearchHighlight.End.ToString(), "", StringComparison.Ordinal);
}
