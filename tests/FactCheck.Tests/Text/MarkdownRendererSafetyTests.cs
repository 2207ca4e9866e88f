using AngleSharp.Dom;
using FactCheck.Data.Text;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Text;

/// <summary>
/// The renderer's safety specification, one hostile vector at a time. Each neutralised link or image
/// must leave no element a reader's browser could follow to script, and keep the author's words, so a
/// rationale never loses its meaning because a URL was refused.
/// </summary>
public sealed class MarkdownRendererSafetyTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("[the statement][src]\n\n[src]: javascript:alert(1)")]
    [InlineData("[the statement][src]\n\n[src]: JavaScript:alert(document.cookie)")]
    [InlineData("[the statement][src]\n\n[src]: <javascript:alert(1)>")]
    [InlineData("[the statement][src]\n\n[src]: &#106;avascript:alert(1)")]
    [InlineData("[the statement][src]\n\n[src]: java&#9;script:alert(1)")]
    [InlineData("[the statement][src]\n\n[src]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("[the statement][]\n\n[the statement]: javascript:alert(1)")]
    [InlineData("[the statement]\n\n[the statement]: javascript:alert(1)")]
    public void Reference_definitions_with_a_dangerous_url_leave_the_words_and_no_link(string markdown)
    {
        var document = Render(markdown);

        AssertNothingToFollow(document);
        Assert.Equal("the statement", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void Reference_definitions_with_a_safe_url_stay_links_with_their_title()
    {
        var document = Render("The [HRW report][hrw] and [again][HRW].\n\n[hrw]: https://www.hrw.org/news \"Human Rights Watch\"");

        var links = document.QuerySelectorAll("a");
        Assert.Equal(2, links.Length);
        Assert.All(links, link => Assert.Equal("https://www.hrw.org/news", link.GetAttribute("href")));
        Assert.Equal("Human Rights Watch", links[0].GetAttribute("title"));
        Assert.Equal("HRW report", links[0].TextContent);
    }

    [Fact]
    public void A_reference_definition_on_its_own_renders_nothing()
    {
        var html = _renderer.ToHtml("[src]: javascript:alert(1)");

        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
    }

    // Browsers drop tabs and newlines anywhere in a URL and control characters before it, so
    // "java<TAB>script:" runs script; Markdown lets an author write them literally or as entities.
    [Theory]
    [InlineData("[click](java&#9;script:alert(1))")]
    [InlineData("[click](java&#x09;script:alert(1))")]
    [InlineData("[click](java&#10;script:alert(1))")]
    [InlineData("[click](java&#13;script:alert(1))")]
    [InlineData("[click](<java\tscript:alert(1)>)")]
    [InlineData("[click](&#32;javascript:alert(1))")]
    [InlineData("[click](&#1;javascript:alert(1))")]
    [InlineData("[click](<\u0001javascript:alert(1)>)")]
    [InlineData("[click](javascript&#x7f;:alert(1))")]
    [InlineData("![click](java&#9;script:alert(1))")]
    public void Whitespace_and_control_characters_inside_the_scheme_do_not_hide_it(string markdown)
    {
        var document = Render(markdown);

        AssertNothingToFollow(document);
        Assert.Equal("click", document.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](&#x6A;avascript:alert(1))")]
    [InlineData("[click](&#0000106;avascript:alert(1))")]
    [InlineData("[click](java&#x73;cript:alert(1))")]
    [InlineData("[click](javascript&colon;alert(1))")]
    [InlineData("[click](javascript&#58;alert(1))")]
    [InlineData("[click](&#x64;ata:text/html,&lt;script&gt;alert(1)&lt;/script&gt;)")]
    public void Entity_encoded_schemes_are_read_decoded(string markdown)
    {
        var document = Render(markdown);

        AssertNothingToFollow(document);
        Assert.Equal("click", document.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("![Chart of deaths](javascript:alert(1))")]
    [InlineData("![Chart of deaths](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    [InlineData("![Chart of deaths](vbscript:msgbox(1))")]
    [InlineData("![Chart of deaths](&#106;avascript:alert(1) \"a title\")")]
    [InlineData("![Chart of deaths][img]\n\n[img]: javascript:alert(1)")]
    public void Images_with_a_dangerous_url_become_their_alt_text(string markdown)
    {
        var document = Render(markdown);

        AssertNothingToFollow(document);
        Assert.Equal("Chart of deaths", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void A_refused_image_keeps_its_alt_text_once_as_plain_text()
    {
        // An image's description is only ever alt text: its emphasis must not become page markup.
        var document = Render("![**Chart** of *deaths*](javascript:alert(1))");

        AssertNothingToFollow(document);
        Assert.Equal("Chart of deaths", document.Body!.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("strong, em"));
    }

    [Fact]
    public void A_refused_link_keeps_its_words_with_their_formatting()
    {
        var document = Render("Rated [**Misleading**, says *HRW*](javascript:alert(1)) today.");

        AssertNothingToFollow(document);
        Assert.Equal("Rated Misleading, says HRW today.", document.Body!.TextContent.Trim());
        Assert.Equal("Misleading", document.QuerySelector("strong")?.TextContent);
        Assert.Equal("HRW", document.QuerySelector("em")?.TextContent);
    }

    [Theory]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<JaVaScRiPt:alert(1)>", "JaVaScRiPt:alert(1)")]
    [InlineData("<vbscript:msgbox(1)>", "vbscript:msgbox(1)")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD4=>", "data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("<file:///etc/passwd>", "file:///etc/passwd")]
    [InlineData("<javascript:alert(1)@example.org>", "javascript:alert(1)@example.org")]
    public void Autolinks_with_a_dangerous_scheme_stay_as_plain_text(string markdown, string text)
    {
        var document = Render(markdown);

        AssertNothingToFollow(document);
        Assert.Equal(text, document.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("<https://www.ohchr.org/en/statements>", "https://www.ohchr.org/en/statements")]
    [InlineData("<http://example.org/a?b=1>", "http://example.org/a?b=1")]
    [InlineData("<mailto:desk@example.org>", "mailto:desk@example.org")]
    public void Autolinks_with_an_allowed_scheme_stay_links(string markdown, string href)
    {
        var link = Assert.Single(Render(markdown).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void Email_autolinks_become_mailto_links()
    {
        var link = Assert.Single(Render("Write to <desk@example.org>.").QuerySelectorAll("a"));

        Assert.Equal("mailto:desk@example.org", link.GetAttribute("href"));
        Assert.Equal("desk@example.org", link.TextContent);
    }

    [Fact]
    public void Bare_web_addresses_become_links_and_bare_script_urls_do_not()
    {
        var document = Render("See www.hrw.org and https://www.ohchr.org/en but not javascript:alert(1) or data:text/html,x.");

        Assert.Equal(
            ["http://www.hrw.org", "https://www.ohchr.org/en"],
            document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("javascript:alert(1)", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Footnote[^1].\n\n[^1]: See [the source](javascript:alert(1)).", "the source")]
    [InlineData("| claim |\n|---|\n| [the source](javascript:alert(1)) |", "the source")]
    [InlineData("- first\n- [the source](javascript:alert(1))", "the source")]
    [InlineData("> quoted [the source](javascript:alert(1))", "the source")]
    [InlineData("# [the source](javascript:alert(1))", "the source")]
    public void Dangerous_links_are_refused_wherever_they_stand(string markdown, string words)
    {
        var document = Render(markdown);

        Assert.All(UrlAttributes(document), url => Assert.True(UrlSafety.IsAllowed(url), $"unsafe URL rendered: '{url}'"));
        Assert.Contains(words, document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_refused_rather_than_rendered_as_nothing()
    {
        Assert.Throws<ArgumentNullException>(() => _renderer.ToHtml(null!));
    }

    private IDocument Render(string markdown) => Html.ParseFragment(_renderer.ToHtml(markdown));

    /// <summary>No link, no image, and no attribute anywhere that names a scheme other than http, https or mailto.</summary>
    private static void AssertNothingToFollow(IDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("a, img, script, iframe"));
        Assert.All(UrlAttributes(document), url => Assert.True(UrlSafety.IsAllowed(url), $"unsafe URL rendered: '{url}'"));
    }

    private static IEnumerable<string> UrlAttributes(IDocument document) =>
        document.All.SelectMany(e => e.Attributes)
            .Where(a => a.Name is "href" or "src" or "srcset" or "action" or "formaction" or "xlink:href" or "poster")
            .Select(a => a.Value);
}

/// <summary>
/// The URL rules themselves: <see cref="MarkdownRenderer.IsSafeUrl"/> for Markdown links and images,
/// <see cref="MarkdownRenderer.IsWebUrl"/> for stored document addresses.
/// </summary>
public sealed class MarkdownUrlRuleTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://www.hrw.org/news")]
    [InlineData("HTTP://EXAMPLE.ORG")]
    [InlineData("mailto:desk@example.org")]
    [InlineData("/claims/1/balki")]
    [InlineData("#passage-2")]
    [InlineData("claims?rating=false")]
    [InlineData("notes/a:b")]
    [InlineData("page#section:2")]
    [InlineData("search?q=a:b")]
    public void Allowed_schemes_and_scheme_less_references_are_safe(string? url)
    {
        Assert.True(MarkdownRenderer.IsSafeUrl(url));
    }

    // What a browser ignores is ignored here too, in both directions: it neither hides a refused
    // scheme nor spoils an allowed one.
    [Theory]
    [InlineData(" https://www.hrw.org", true)]
    [InlineData("\thttps://www.hrw.org", true)]
    [InlineData("\u0001https://www.hrw.org", true)]
    [InlineData("ht\ttps://www.hrw.org", true)]
    [InlineData("mail\nto:desk@example.org", true)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("java\rscript:alert(1)", false)]
    [InlineData(" javascript:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("\u0000javascript:alert(1)", false)]
    [InlineData("javascript\u007f:alert(1)", false)]
    public void Whitespace_and_control_characters_are_ignored_when_reading_the_scheme(string url, bool safe)
    {
        Assert.Equal(safe, MarkdownRenderer.IsSafeUrl(url));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/file")]
    [InlineData("httpx://example.org")]
    [InlineData(":alert(1)")]
    public void Any_other_scheme_is_refused(string url)
    {
        // A colon before any slash, question mark or hash starts a scheme; an empty one is not on the list either.
        Assert.False(MarkdownRenderer.IsSafeUrl(url));
    }

    [Theory]
    [InlineData("https://www.hrw.org/news/2021/11/30/afghanistan", true)]
    [InlineData("http://example.org/page?a=1", true)]
    [InlineData("HTTPS://EXAMPLE.ORG/", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("/sources/1/report", false)]
    [InlineData("www.hrw.org", false)]
    [InlineData("mailto:desk@example.org", false)]
    [InlineData("ftp://example.org/file", false)]
    [InlineData("javascript:alert(1)", false)]
    public void Document_addresses_must_be_absolute_http_or_https(string? url, bool expected)
    {
        Assert.Equal(expected, MarkdownRenderer.IsWebUrl(url));
    }
}
