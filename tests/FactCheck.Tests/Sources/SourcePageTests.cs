using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;

namespace FactCheck.Tests.Sources;

/// <summary>
/// The source page as a reader following a citation gets it: the Polygraph.info document behind Balki's claim,
/// where the cited words must be findable at once, with who cited them and for what.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class SourcePageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Uncited_paragraphs_are_left_plain_and_only_cited_blocks_carry_the_margin_rule()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Appearances[0].SourcePath);

        var paragraphs = page.QuerySelectorAll(".document-text p").ToList();
        var cited = page.QuerySelectorAll(".document-text .cited p").ToList();
        Assert.NotEmpty(cited);
        Assert.True(cited.Count < paragraphs.Count / 2, $"{cited.Count} of {paragraphs.Count} paragraphs are marked as cited");
        Assert.All(page.QuerySelectorAll(".document-text mark"), mark => Assert.NotNull(mark.Closest(".cited")));
    }

    [Fact]
    public async Task The_rules_that_mark_a_followed_passage_come_from_the_site_as_a_stylesheet_not_inline()
    {
        // The Content-Security-Policy allows styles from the site only: an inline style element would be refused.
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Appearances[0].SourcePath);
        Assert.Empty(page.QuerySelectorAll("style"));
        var href = page.QuerySelectorAll("link[rel='stylesheet']").Select(l => l.GetAttribute("href")!).Single(h => h.EndsWith("/passages.css", StringComparison.Ordinal));

        using var response = await Client.GetAsync(Resolve(href));
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        foreach (var evidence in balki.Evidence.Where(e => e.SourcePath == balki.Appearances[0].SourcePath))
        {
            Assert.NotNull(page.GetElementById($"passage-{evidence.PassageId}"));
            Assert.Contains($"#passage-{evidence.PassageId}:target", css, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_cited_passage_is_followed_by_a_note_linking_the_claims_that_cite_it()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Appearances[0].SourcePath);

        foreach (var evidence in balki.Evidence.Where(e => e.SourcePath == balki.Appearances[0].SourcePath))
        {
            var block = BlockOf(page, evidence.PassageId);
            var notes = block.QuerySelectorAll(".cited__note").Where(n => Resolve(n.QuerySelector("a")!.GetAttribute("href")!).AbsolutePath == balki.Path).ToList();
            Assert.True(notes.Count > 0, $"passage {evidence.PassageId} has no note linking back to {balki.Path}");
            Assert.Contains(notes, n => n.QuerySelector(".cited__how")!.TextContent.StartsWith("Cited as evidence (", StringComparison.Ordinal));
        }

        var appearance = BlockOf(page, balki.Appearances[0].PassageId);
        Assert.Contains(
            appearance.QuerySelectorAll(".cited__note"),
            n => TextNormalizer.Collapse(n.TextContent).StartsWith($"Reports the claim by {balki.ClaimantName}:", StringComparison.Ordinal)
                 && Resolve(n.QuerySelector("a")!.GetAttribute("href")!).AbsolutePath == balki.Path);
    }

    [Fact]
    public async Task The_Balki_appearance_is_quoted_with_one_opening_mark_and_no_space_before_a_colon()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        Assert.StartsWith("“The Mojahedin", balki.Appearances[0].Exact, StringComparison.Ordinal);

        var page = await GetPageAsync(balki.Appearances[0].SourcePath);

        var main = TextNormalizer.Collapse(page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("““", main, StringComparison.Ordinal);
        Assert.DoesNotContain("“\"", main, StringComparison.Ordinal);
        Assert.DoesNotContain(" :", TextNormalizer.Collapse(page.QuerySelector(".source-claims")!.TextContent), StringComparison.Ordinal);
        var link = page.QuerySelectorAll(".source-claims a").Single(a => a.GetAttribute("href")!.EndsWith(balki.Appearances[0].Href[balki.Appearances[0].Href.IndexOf('#', StringComparison.Ordinal)..], StringComparison.Ordinal));
        Assert.StartsWith("“The Mojahedin are fully committed", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_in_context_links_on_the_claim_page_each_have_their_own_name()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Path);

        var links = page.QuerySelectorAll("main a[href*='#passage-']")
            .Select(a => (Href: a.GetAttribute("href")!, Name: TextNormalizer.Collapse(a.TextContent)))
            .ToList();
        Assert.True(links.Count >= 5);
        Assert.All(links.GroupBy(l => l.Name), g => Assert.Single(g.Select(l => l.Href).Distinct()));
    }

    [Fact]
    public async Task A_claim_dated_to_a_month_is_said_in_that_month()
    {
        // The archive dates the 2018 Ramadan amnesty claim to May 2018 only.
        var ramadan = await SeededClaims.LoadAsync(App, SeededClaims.RamadanAmnestyKey);
        var page = await GetPageAsync(ramadan.Path);

        Assert.StartsWith("Said in May 2018", TextNormalizer.Collapse(page.QuerySelector(".statement__when")!.TextContent), StringComparison.Ordinal);
    }

    private static IElement BlockOf(IHtmlDocument page, int passageId)
    {
        var anchor = page.GetElementById($"passage-{passageId}");
        Assert.True(anchor is not null, $"no anchor passage-{passageId}");
        var block = anchor.Closest(".cited");
        Assert.True(block is not null, $"passage-{passageId} is not inside a cited block");
        return block;
    }
}
