using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>The claim permalink page, as a reader gets it from the running site.</summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class ClaimPageTests(FactCheckAppFactory app) : WebTestBase(app)
{
    [Fact]
    public async Task Home_page_links_to_the_balki_claim()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var home = await GetPageAsync("/");

        var links = home.QuerySelectorAll("a[href]").Select(a => Resolve(a.GetAttribute("href")!).AbsolutePath);
        Assert.Contains(balki.Path, links);
    }

    [Fact]
    public async Task Claim_page_shows_the_statement_who_said_it_and_the_verdict()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var page = await GetPageAsync(balki.Path);

        var text = MainText(page);
        Assert.StartsWith("The Mojahedin are fully committed to enforcing the amnesty decree", balki.Quote, StringComparison.Ordinal);
        Assert.Contains(TextNormalizer.Collapse(balki.Quote), text, StringComparison.Ordinal);
        Assert.Contains("Abdul Qahar Balki", text, StringComparison.Ordinal);
        Assert.Contains("5 December 2021", text, StringComparison.Ordinal);
        Assert.Contains("Misleading", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_page_shows_who_contradicts_it()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        var text = MainText(await GetPageAsync(balki.Path));

        Assert.Contains("Human Rights Watch", text, StringComparison.Ordinal);
        Assert.Contains("UN High Commissioner for Human Rights", text, StringComparison.Ordinal);
        Assert.Contains("Bachelet", text, StringComparison.Ordinal);
        Assert.Contains("CNN", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_piece_of_evidence_links_to_its_passage_on_the_source_page()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        Assert.True(balki.Evidence.Count >= 5, $"the archive should give Balki's claim at least 5 pieces of evidence, found {balki.Evidence.Count}");

        var page = await GetPageAsync(balki.Path);

        var hrefs = PassageLinks(page).ToList();
        Assert.All(balki.Evidence, evidence => Assert.Contains(evidence.Href, hrefs));
    }

    [Fact]
    public async Task Each_evidence_link_lands_on_a_highlighted_passage_with_the_cited_words()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Path);
        var linked = PassageLinks(page).Distinct().ToList();
        Assert.NotEmpty(linked);

        foreach (var group in linked.GroupBy(href => href[..href.IndexOf('#', StringComparison.Ordinal)]))
        {
            var source = await GetPageAsync(group.Key);
            foreach (var href in group)
            {
                var id = href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..];
                var target = source.GetElementById(id);
                Assert.True(target is not null, $"{group.Key} has no element with id {id}");
                var highlighted = Highlight(target);
                Assert.True(highlighted is not null, $"#{id} on {group.Key} is not inside highlighted (<mark>) text");

                var citation = balki.Evidence.Concat(balki.Appearances).FirstOrDefault(c => c.Href == href);
                Assert.True(citation is not null, $"{href} is not one of the claim's cited passages");
                Assert.Equal(TextNormalizer.Collapse(citation.Exact), HighlightedText(source, id));
            }
        }
    }

    [Fact]
    public async Task A_claim_reported_in_two_documents_lists_both_appearances()
    {
        var ramadan = await SeededClaims.LoadAsync(App, SeededClaims.RamadanAmnestyKey);
        Assert.Equal(2, ramadan.Appearances.Select(a => a.SourceId).Distinct().Count());

        var page = await GetPageAsync(ramadan.Path);

        var hrefs = PassageLinks(page).ToList();
        Assert.All(ramadan.Appearances, appearance => Assert.Contains(appearance.Href, hrefs));
        var text = MainText(page);
        Assert.All(ramadan.Appearances, appearance => Assert.Contains(appearance.Publisher, text, StringComparison.Ordinal));
    }

    private static string MainText(IHtmlDocument page)
    {
        var main = page.QuerySelector("main");
        Assert.NotNull(main);
        return TextNormalizer.Collapse(main.TextContent);
    }

    /// <summary>Passage links as path + fragment, whether the page writes them relative or absolute.</summary>
    private IEnumerable<string> PassageLinks(IHtmlDocument page) =>
        page.QuerySelectorAll("main a[href*='#passage-']")
            .Select(a => Resolve(a.GetAttribute("href")!))
            .Where(uri => uri.Authority == App.BaseAddress.Authority)
            .Select(uri => uri.PathAndQuery + uri.Fragment);

    /// <summary>
    /// The highlight the anchor belongs to: the anchor is the mark, sits inside one, or (the document
    /// reader's layout) is an empty marker placed right before the passage's first mark.
    /// </summary>
    private static IElement? Highlight(IElement target)
    {
        if (target.LocalName == "mark")
        {
            return target;
        }

        if ((target.Closest("mark") ?? target.QuerySelector("mark")) is { } around)
        {
            return around;
        }

        for (var node = target.NextSibling; node is not null; node = node.NextSibling)
        {
            switch (node)
            {
                case IElement { LocalName: "mark" } mark:
                    return mark;
                case IElement other when string.IsNullOrWhiteSpace(other.TextContent) && other.Id?.StartsWith("passage-", StringComparison.Ordinal) == true:
                    continue; // another passage starts at the same place
                case IText text when string.IsNullOrWhiteSpace(text.Data):
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The words highlighted for one passage. The reader marks each run between passage boundaries on
    /// its own and each paragraph separately, so runs are joined within a paragraph and paragraphs by a space.
    /// </summary>
    private static string HighlightedText(IHtmlDocument source, string anchorId)
    {
        var passageId = anchorId["passage-".Length..];
        var runs = source.QuerySelectorAll("mark[data-passages]")
            .Where(m => m.GetAttribute("data-passages")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(passageId))
            .GroupBy(m => m.ParentElement)
            .Select(paragraph => string.Concat(paragraph.Select(m => m.TextContent)));
        return TextNormalizer.Collapse(string.Join(" ", runs));
    }
}
