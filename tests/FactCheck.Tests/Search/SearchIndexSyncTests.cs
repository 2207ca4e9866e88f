using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Search;

/// <summary>
/// Writes through the application's DbContext and searches over HTTP straight after: the index is kept
/// by the app, not by a batch job. A site of its own, since these tests change the data.
/// </summary>
[Trait("Database", "Both")]
public class SearchIndexSyncTests(SearchIndexSyncTests.WritableApp app) : WebTestBase(app), IClassFixture<SearchIndexSyncTests.WritableApp>
{
    public sealed class WritableApp : FactCheckAppFactory;

    [Fact]
    public async Task A_claim_edited_through_the_DbContext_is_found_by_its_new_word_at_once()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        Assert.Empty(await ClaimHrefsAsync("zanzibarite"));

        await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == balki.Id);
            claim.Summary += " Zanzibarite officials agree.";
            return await db.SaveChangesAsync();
        });

        Assert.Equal([balki.Path], await ClaimHrefsAsync("zanzibarite"));
    }

    [Fact]
    public async Task A_document_quoting_markup_is_found_and_shown_as_text()
    {
        var id = await App.QueryAsync(async db =>
        {
            var source = new Source
            {
                Key = "search-test-markup",
                Slug = "script-in-a-document",
                Title = "Quxly <b>bold</b> title",
                Kind = SourceKind.NewsArticle,
                Publisher = "Test Desk",
                PublishedOn = new ReportedDate(new DateOnly(2022, 1, 5), DatePrecision.Day),
                Language = "en",
                Text = "A page that says <script>alert('quxly')</script> and <img src=x onerror=alert(2)> about quxly.",
                ContentHash = "test",
            };
            db.Sources.Add(source);
            await db.SaveChangesAsync();
            return source.Id;
        });

        var page = await GetPageAsync("/search?q=quxly&kind=documents");

        var result = Assert.Single(page.QuerySelectorAll("#results-documents li.search-result"));
        Assert.Equal($"/sources/{id}/script-in-a-document", result.QuerySelector(".card__title a")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("main script, main img, main b"));
        Assert.Contains("<script>alert('", result.TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>bold</b>", result.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(result.QuerySelectorAll("mark"));
        Assert.All(result.QuerySelectorAll("mark"), m => Assert.Equal("quxly", m.TextContent, ignoreCase: true));
    }

    private async Task<List<string>> ClaimHrefsAsync(string query)
    {
        var page = await GetPageAsync("/search?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll("#results-claims li.search-result .card__title a").Select(a => a.GetAttribute("href")!).ToList();
    }
}
