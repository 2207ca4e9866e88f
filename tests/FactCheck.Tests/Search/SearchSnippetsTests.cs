using FactCheck.Data.Search;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Search;

namespace FactCheck.Tests.Search;

public class SearchSnippetsTests
{
    private const char S = SearchHighlight.Start;
    private const char E = SearchHighlight.End;

    [Fact]
    public void Document_markup_is_shown_as_text_and_only_matches_become_marks()
    {
        var html = SearchSnippets.ToHtml($"<script>alert('x')</script> the {S}amnesty{E} <img src=x onerror=alert(1)> & more").Value;

        var body = Html.ParseFragment(html).Body!;
        Assert.Empty(body.QuerySelectorAll("script, img"));
        var mark = Assert.Single(body.QuerySelectorAll("mark"));
        Assert.Equal("amnesty", mark.TextContent);
        Assert.Equal("<script>alert('x')</script> the amnesty <img src=x onerror=alert(1)> & more", body.TextContent);
    }

    [Fact]
    public void Stray_markers_never_leave_a_mark_unclosed()
    {
        var html = SearchSnippets.ToHtml($"{E}a {S}b {S}c").Value;

        Assert.Equal("a <mark>b c</mark>", html);
    }
}
