using FactCheck.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Search;

/// <summary>
/// What <see cref="ISearchIndex"/> promises, checked on whichever provider the pass runs (SQLite, then
/// PostgreSQL): the same records found for words, stems, prefixes, phrases and alternatives; the count cap and
/// ranking within the newest matches; marked headings and cut snippets; engine syntax read as words; similar
/// claims explained in the reader's own words. Where FTS5 and PostgreSQL legitimately differ (exact scores,
/// snippet boundaries) the tests check what a reader sees, not the engine's numbers.
/// </summary>
[Trait("Database", "Both")]
public class SearchIndexBehaviourTests(SearchIndexDatabase database) : IClassFixture<SearchIndexDatabase>
{
    [Theory]
    [InlineData("amnesty", new[] { "amnesty-pledge", "decree-unsigned" })]
    [InlineData("pledges", new[] { "amnesty-pledge" })]
    [InlineData("govern*", new[] { "governments" })]
    [InlineData("\"amnesty decree\"", new[] { "amnesty-pledge" })]
    [InlineData("\"decree amnesty\"", new string[0])]
    [InlineData("amnesty decree", new[] { "amnesty-pledge", "decree-unsigned" })]
    [InlineData("harbour OR governments", new[] { "governments", "harbour" })]
    [InlineData("amnesty signed OR harbour storm", new[] { "decree-unsigned", "harbour" })]
    [InlineData("Harbour", new[] { "harbour" })]
    [InlineData("qqqzzyx", new string[0])]
    [InlineData("U.S.", new[] { "abbreviation" })]
    public async Task Words_stems_prefixes_phrases_and_alternatives_find_the_same_claims(string input, string[] expected)
    {
        var page = await SearchAsync(SearchKind.Claims, input);

        Assert.Equal(expected.Order(), page.Hits.Select(h => KeyOf(h.Id)).Order());
        Assert.Equal(expected.Length, page.Total);
        Assert.False(page.IsTotalCapped);
    }

    [Fact]
    public async Task A_very_common_word_is_counted_to_the_cap_and_ranked_within_its_newest_matches()
    {
        var first = await SearchAsync(SearchKind.Claims, "budget", 0, 20);
        var pastTheCap = await SearchAsync(SearchKind.Claims, "budget", SearchResultPage.CountLimit, 20);

        Assert.Equal(SearchResultPage.CountLimit, first.Total);
        Assert.True(first.IsTotalCapped);
        Assert.True(first.IsRankedWithinNewest);
        Assert.Equal(20, first.Hits.Count);
        Assert.Equal(20, first.Hits.Select(h => h.Id).Distinct().Count());

        // "Newest" is the 1,000 highest ids among the matches; the oldest claim, the best match by far, is outside them.
        var budgetIds = database.ClaimIds.Where(c => c.Key.StartsWith("budget", StringComparison.Ordinal)).Select(c => c.Value).OrderDescending().ToList();
        var oldestRanked = budgetIds[SearchResultPage.CountLimit - 1];
        Assert.All(first.Hits, h => Assert.True(h.Id >= oldestRanked, $"claim {KeyOf(h.Id)} is older than the newest {SearchResultPage.CountLimit} matches"));
        Assert.DoesNotContain(first.Hits, h => h.Id == database.ClaimIds["budget-oldest"]);
        Assert.Empty(pastTheCap.Hits);
    }

    [Fact]
    public async Task Pages_of_a_common_word_never_overlap()
    {
        var seen = new HashSet<int>();
        for (var offset = 0; offset < 100; offset += 20)
        {
            var page = await SearchAsync(SearchKind.Claims, "budget", offset, 20);
            Assert.Equal(20, page.Hits.Count);
            Assert.All(page.Hits, h => Assert.True(seen.Add(h.Id), $"claim {KeyOf(h.Id)} is on two pages"));
        }
    }

    [Fact]
    public async Task A_word_said_more_often_in_the_quote_ranks_above_one_said_once_within_a_rare_set()
    {
        // Within the rare word "amnesty": the claim that pledges it in its quote and its summary ranks first.
        var page = await SearchAsync(SearchKind.Claims, "amnesty");

        Assert.Equal("amnesty-pledge", KeyOf(page.Hits[0].Id));
        Assert.False(page.IsRankedWithinNewest);
    }

    [Fact]
    public async Task The_heading_marks_every_match_and_a_long_document_gets_a_cut_snippet_around_it()
    {
        var claims = await SearchAsync(SearchKind.Claims, "amnesty");
        var documents = await SearchAsync(SearchKind.Documents, "zanzibarite");

        var pledge = claims.Hits.Single(h => KeyOf(h.Id) == "amnesty-pledge");
        Assert.Equal($"A pledge of {SearchHighlight.Start}amnesty{SearchHighlight.End} for officials.", pledge.Heading);
        Assert.Contains($"{SearchHighlight.Start}amnesty{SearchHighlight.End} decree", pledge.Snippet, StringComparison.Ordinal);
        Assert.Equal("The minister pledged a full amnesty decree for former officials.", Plain(pledge.Snippet));

        var document = Assert.Single(documents.Hits);
        Assert.Equal(database.DocumentId, document.Id);
        Assert.Equal("A long report", document.Heading);
        Assert.Contains($"{SearchHighlight.Start}zanzibarite{SearchHighlight.End}", document.Snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", document.Snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", document.Snippet, StringComparison.Ordinal);
        var words = Plain(document.Snippet).Trim('…').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(words.Length, 10, 64);
        Assert.Contains(Plain(document.Snippet).Trim('…').Trim(), database.DocumentText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amnesty & !decree")]
    [InlineData("amnesty | decree")]
    [InlineData("amnesty <-> decree")]
    [InlineData("amnesty:* decree")]
    [InlineData("'amnesty' 'decree'")]
    [InlineData("amnesty\\ decree\\")]
    [InlineData("(amnesty AND decree)")]
    [InlineData("-amnesty ^decree")]
    public async Task Engine_syntax_in_reader_text_is_read_as_the_words_around_it(string input)
    {
        var words = await SearchAsync(SearchKind.Claims, "amnesty decree");
        var withSyntax = await SearchAsync(SearchKind.Claims, input);

        Assert.NotEmpty(words.Hits);
        Assert.Equal(words.Hits.Select(h => h.Id).Order(), withSyntax.Hits.Select(h => h.Id).Order());
    }

    [Theory]
    [InlineData("O'Brien*")]
    [InlineData("back\\slash*")]
    [InlineData("amnesty*:*")]
    [InlineData("د طالبانو عفوه")]
    [InlineData("مُجاهد*")]
    [InlineData("amnistía 😀")]
    [InlineData("the")]
    [InlineData("the*")]
    public async Task Odd_input_is_answered_without_an_error(string input)
    {
        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            var page = await SearchAsync(kind, input);
            Assert.True(page.Total >= page.Hits.Count);
        }
    }

    [Fact]
    public async Task Similar_text_finds_the_claim_sharing_its_rare_words_and_names_them_as_written()
    {
        await using var db = database.CreateContext();

        var matches = await db.SearchIndex.FindClaimsLikeAsync("Officials were promised an amnesty decree", 3);

        var first = matches[0];
        Assert.Equal("amnesty-pledge", KeyOf(first.ClaimId));
        Assert.Subset(new HashSet<string> { "officials", "amnesty", "decree" }, first.SharedTerms.ToHashSet());
        Assert.Contains("amnesty", first.SharedTerms);
        Assert.Contains("officials", first.SharedTerms);
        Assert.DoesNotContain(matches, m => KeyOf(m.ClaimId).StartsWith("budget", StringComparison.Ordinal));
        Assert.True(first.Score > 0);
    }

    [Fact]
    public async Task A_claim_is_never_its_own_similar_claim_and_words_only_it_says_link_nothing()
    {
        await using var db = database.CreateContext();

        var pledge = await db.SearchIndex.FindSimilarClaimsAsync(database.ClaimIds["amnesty-pledge"], 3);
        var harbour = await db.SearchIndex.FindSimilarClaimsAsync(database.ClaimIds["harbour"], 3);

        Assert.Equal(["decree-unsigned"], pledge.Select(m => KeyOf(m.ClaimId)));
        // Rarest first, the longer word first between equally rare ones.
        Assert.Equal(["amnesty", "decree"], pledge[0].SharedTerms);
        Assert.Empty(harbour);
        Assert.Empty(await db.SearchIndex.FindSimilarClaimsAsync(-1, 3));
    }

    private async Task<SearchResultPage> SearchAsync(SearchKind kind, string input, int offset = 0, int limit = 20)
    {
        var parsed = SearchQuery.Parse(input);
        Assert.True(parsed.IsValid, parsed.Error);
        await using var db = database.CreateContext();
        return await db.SearchIndex.SearchAsync(kind, parsed.Query!, SearchFilter.None, offset, limit);
    }

    private string KeyOf(int id) => database.ClaimIds.Single(c => c.Value == id).Key;

    private static string Plain(string highlighted) =>
        highlighted.Replace(SearchHighlight.Start.ToString(), "", StringComparison.Ordinal).Replace(SearchHighlight.End.ToString(), "", StringComparison.Ordinal);
}
