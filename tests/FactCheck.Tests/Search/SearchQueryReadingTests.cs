using FactCheck.Data.Search;

namespace FactCheck.Tests.Search;

/// <summary>
/// How a reader's search is read: words, prefixes, phrases and OR, and nothing else the engine
/// understands. Each case is what the reader typed and the query it becomes, written as the reader
/// would retype it.
/// </summary>
public sealed class SearchQueryReadingTests
{
    [Theory]
    [InlineData("amnesty", "amnesty")]
    [InlineData("  amnesty   decree  ", "amnesty decree")]
    [InlineData("\"amnesty\"", "amnesty")]
    [InlineData("“amnesty decree”", "\"amnesty decree\"")]
    [InlineData("\"amnesty decree\"Balki", "\"amnesty decree\" Balki")]
    [InlineData("Balki\"amnesty decree\"", "Balki \"amnesty decree\"")]
    [InlineData("\"\" amnesty \"  \"", "amnesty")]
    [InlineData("amnes*", "amnes*")]
    [InlineData("am*", "am*")]
    [InlineData("state-run*", "\"state run\"")]
    [InlineData("(amnesty)", "amnesty")]
    [InlineData("amnesty AND decree", "amnesty decree")]
    [InlineData("and or", "and or")]
    [InlineData("amnesty OR decree", "amnesty OR decree")]
    [InlineData("OR amnesty OR OR decree OR", "amnesty OR decree")]
    [InlineData("a b OR c d", "a b OR c d")]
    [InlineData("مُجاهد", "مُجاهد")]
    [InlineData("हिंदी समाचार", "हिंदी समाचार")]
    public void Reader_text_becomes_words_prefixes_phrases_and_alternatives(string input, string expected)
    {
        var result = SearchQuery.Parse(input);

        Assert.True(result.IsValid, result.Error);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Query!.ToString());
    }

    [Fact]
    public void Each_kind_of_term_is_told_apart()
    {
        var query = SearchQuery.Parse("amnes* “amnesty decree” Balki \"pardon\" u.s.").Query!;

        Assert.Equal(
            [
                new SearchTerm(SearchTermKind.Prefix, "amnes"),
                new SearchTerm(SearchTermKind.Phrase, "amnesty decree"),
                new SearchTerm(SearchTermKind.Word, "Balki"),
                new SearchTerm(SearchTermKind.Word, "pardon"),
                new SearchTerm(SearchTermKind.Phrase, "u s"),
            ],
            query.Terms);
    }

    [Fact]
    public void Terms_run_across_the_alternatives_in_the_order_typed()
    {
        var query = SearchQuery.Parse("Balki amnesty OR Mujahid").Query!;

        Assert.Equal(["Balki", "amnesty", "Mujahid"], query.Terms.Select(t => t.Text));
        Assert.Equal([2, 1], query.Groups.Select(g => g.Count));
    }

    [Fact]
    public void The_term_limit_counts_every_alternative_together()
    {
        var seventeen = string.Join(' ', Enumerable.Range(0, 17).Select(i => "w" + i));
        var sixteen = string.Join(' ', Enumerable.Range(0, 16).Select(i => "v" + i));

        Assert.Equal(SearchQuery.TooManyTermsMessage, SearchQuery.Parse(seventeen + " OR " + seventeen).Error);
        Assert.True(SearchQuery.Parse(sixteen + " OR " + sixteen).IsValid);
    }

    [Fact]
    public void A_refused_search_has_a_message_and_no_query()
    {
        var result = SearchQuery.Parse("\"unclosed");

        Assert.False(result.IsValid);
        Assert.Null(result.Query);
        Assert.Equal(SearchQuery.UnbalancedQuoteMessage, result.Error);
    }

    [Fact]
    public void Similar_claims_search_for_any_of_their_words()
    {
        var query = SearchQuery.AnyOf(["amnesty", "—", "Kabul’s", "!!"]);

        Assert.Equal("amnesty OR Kabul’s", query.ToString());
        Assert.All(query.Groups, g => Assert.Equal(SearchTermKind.Word, Assert.Single(g).Kind));
    }

    [Fact]
    public void Similar_claims_need_at_least_one_word()
    {
        var error = Assert.Throws<ArgumentException>(() => SearchQuery.AnyOf(["—", "!!", ""]));

        Assert.Equal("words", error.ParamName);
        Assert.StartsWith("At least one word is needed.", error.Message, StringComparison.Ordinal);
    }
}
