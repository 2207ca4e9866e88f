using System.Text;
using AngleSharp.Dom;
using FactCheck.Data.Text;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Text;

/// <summary>
/// Verdict rationales are written in Markdown by editors and shown to every reader, so the renderer
/// is the site's XSS boundary: nothing an author types may become script, whatever the spelling.
/// </summary>
public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Raw_script_tags_are_escaped_as_text()
    {
        var html = _renderer.ToHtml("Before <script>alert('x')</script> after");

        var document = Html.ParseFragment(html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div onclick=\"alert(1)\">x</div>")]
    public void Raw_html_never_becomes_elements(string markdown)
    {
        var document = Html.ParseFragment(_renderer.ToHtml(markdown));

        Assert.Empty(document.QuerySelectorAll("img, iframe, div, script"));
        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JAVASCRIPT:alert(1))")]
    [InlineData("[click](JavaScript:alert(document.cookie))")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](&#x6A;avascript:alert(1))")]
    [InlineData("[click](java&#x73;cript:alert(1))")]
    [InlineData("[click](javascript&colon;alert(1))")]
    [InlineData("[click](<javascript:alert(1)>)")]
    [InlineData("[click]( javascript:alert(1) )")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    [InlineData("![pixel](javascript:alert(1))")]
    [InlineData("<data:text/html,<script>alert(1)</script>>")]
    public void Dangerous_link_and_image_urls_are_neutralised(string markdown)
    {
        var document = Html.ParseFragment(_renderer.ToHtml(markdown));

        var urls = UrlAttributes(document).ToList();
        Assert.All(urls, url => Assert.True(UrlSafety.IsAllowed(url), $"unsafe URL rendered: '{url}'"));
        Assert.Empty(document.QuerySelectorAll("script"));
    }

    [Theory]
    [InlineData("[Human Rights Watch](https://www.hrw.org/news/2021/11/30/afghanistan)", "https://www.hrw.org/news/2021/11/30/afghanistan")]
    [InlineData("[archived](http://example.org/page?a=1&b=2)", "http://example.org/page?a=1&b=2")]
    [InlineData("[write to us](mailto:desk@example.org)", "mailto:desk@example.org")]
    [InlineData("<https://www.ohchr.org/en/statements>", "https://www.ohchr.org/en/statements")]
    [InlineData("[the claim](/claims/1/balki)", "/claims/1/balki")]
    [InlineData("[the passage](#passage-2)", "#passage-2")]
    public void Safe_links_are_kept(string markdown, string expectedHref)
    {
        var document = Html.ParseFragment(_renderer.ToHtml(markdown));

        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal(expectedHref, link.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(link.TextContent));
    }

    [Fact]
    public void Safe_image_urls_are_kept()
    {
        var document = Html.ParseFragment(_renderer.ToHtml("![chart](https://example.org/chart.png)"));

        var image = Assert.Single(document.QuerySelectorAll("img"));
        Assert.Equal("https://example.org/chart.png", image.GetAttribute("src"));
        Assert.Equal("chart", image.GetAttribute("alt"));
    }

    [Fact]
    public void Ordinary_markdown_still_renders()
    {
        var document = Html.ParseFragment(_renderer.ToHtml("**Misleading.** Reports *contradict* it:\n\n- HRW\n- UN"));

        Assert.Equal("Misleading.", document.QuerySelector("strong")?.TextContent);
        Assert.Equal("contradict", document.QuerySelector("em")?.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("li").Length);
    }

    [Fact]
    public void Over_long_input_is_capped()
    {
        var input = new string('z', MarkdownRenderer.MaxInputLength * 3);

        var html = _renderer.ToHtml(input);

        var longestRun = LongestRun(Html.ParseFragment(html).Body!.TextContent, 'z');
        Assert.Equal(MarkdownRenderer.MaxInputLength, longestRun);
        Assert.True(html.Length < MarkdownRenderer.MaxInputLength * 2, $"output of {html.Length} characters is not capped");
    }

    [Fact]
    public void Truncated_input_ends_with_the_note_as_its_own_paragraph()
    {
        var document = Html.ParseFragment(_renderer.ToHtml(new string('z', MarkdownRenderer.MaxInputLength + 1)));

        var paragraphs = document.QuerySelectorAll("p");
        var last = paragraphs[^1];
        Assert.Equal("<em>[The rest of this text is too long to display.]</em>", last.InnerHtml);
    }

    [Fact]
    public void Input_at_the_cap_is_rendered_whole()
    {
        var input = new string('z', MarkdownRenderer.MaxInputLength);

        var html = _renderer.ToHtml(input);

        Assert.Equal(MarkdownRenderer.MaxInputLength, LongestRun(Html.ParseFragment(html).Body!.TextContent, 'z'));
        Assert.DoesNotContain("too long to display", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_that_straddles_the_cap_is_left_out_whole_never_split()
    {
        // The emoji is a surrogate pair whose first half is the last character under the cap.
        var input = new string('z', MarkdownRenderer.MaxInputLength - 1) + "\U0001F600 and more";

        var html = _renderer.ToHtml(input);

        Assert.DoesNotContain("\U0001F600", html, StringComparison.Ordinal);
        // A lone half of a pair cannot be encoded: the page could not be sent as UTF-8.
        Assert.Null(Record.Exception(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(html)));
        Assert.Equal(MarkdownRenderer.MaxInputLength - 1, LongestRun(Html.ParseFragment(html).Body!.TextContent, 'z'));
        Assert.Contains("too long to display", html, StringComparison.Ordinal);
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    private static IEnumerable<string> UrlAttributes(IDocument document) =>
        document.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name is "href" or "src" or "srcset" or "action" or "formaction" or "xlink:href" or "poster")
            .Select(a => a.Value);
}

public sealed class MarkdownHeadingTests
{
    [Fact]
    public void Rationale_headings_nest_under_the_verdict_and_never_make_a_second_h1()
    {
        var html = new FactCheck.Data.Text.MarkdownRenderer().ToHtml("# Background\n\ntext\n\n## Detail\n\n###### Deepest");

        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<h3", html, StringComparison.Ordinal);
        Assert.Contains("<h4", html, StringComparison.Ordinal);
        Assert.Contains("<h6", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_heading_moves_down_two_levels_and_the_deepest_stay_at_h6()
    {
        var document = Html.ParseFragment(new MarkdownRenderer().ToHtml("# one\n## two\n### three\n#### four\n##### five\n###### six"));

        Assert.Equal(
            ["H3 one", "H4 two", "H5 three", "H6 four", "H6 five", "H6 six"],
            document.Body!.Children.Select(h => $"{h.TagName} {h.TextContent}"));
    }
}
