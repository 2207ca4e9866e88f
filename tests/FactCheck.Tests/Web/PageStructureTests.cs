using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Web;

/// <summary>
/// Screen-reader users navigate by landmarks and headings, and phone readers need the viewport set:
/// every reader-facing page has one h1, the landmarks, a language and a viewport.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class PageStructureTests(FactCheckAppFactory app) : WebTestBase(app)
{
    public static TheoryData<string> Pages => new() { "home", "balki-claim", "balki-source" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_one_h1_the_landmarks_a_language_and_a_viewport(string which)
    {
        var page = await GetPageAsync(await PathOfAsync(which));

        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")!.TextContent));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.NotNull(page.QuerySelector("nav"));
        Assert.NotNull(page.QuerySelector("header"));
        Assert.NotNull(page.QuerySelector("footer"));
        Assert.False(string.IsNullOrWhiteSpace(page.DocumentElement.GetAttribute("lang")));
        Assert.Contains("width=device-width", page.QuerySelector("meta[name='viewport']")?.GetAttribute("content") ?? string.Empty, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_link_has_an_accessible_name(string which)
    {
        var page = await GetPageAsync(await PathOfAsync(which));

        Assert.All(page.QuerySelectorAll("a[href]"), a =>
            Assert.False(
                string.IsNullOrWhiteSpace(a.TextContent) && string.IsNullOrWhiteSpace(a.GetAttribute("aria-label")),
                $"link without a name: {a.OuterHtml}"));
    }

    private async Task<string> PathOfAsync(string which)
    {
        if (which == "home")
        {
            return "/";
        }

        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        return which == "balki-claim" ? balki.Path : balki.Evidence[0].SourcePath;
    }
}
