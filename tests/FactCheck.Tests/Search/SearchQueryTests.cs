using FactCheck.Data.Search;

namespace FactCheck.Tests.Search;

public class SearchQueryTests
{
    [Theory]
    [InlineData(null, SearchQuery.EmptyMessage)]
    [InlineData("   ", SearchQuery.EmptyMessage)]
    [InlineData("\"", SearchQuery.UnbalancedQuoteMessage)]
    [InlineData("\"amnesty decree", SearchQuery.UnbalancedQuoteMessage)]
    [InlineData("*", SearchQuery.NoWordsMessage)]
    [InlineData("- ^ : ( ) NEAR(", null)]
    [InlineData("OR AND OR", SearchQuery.NoWordsMessage)]
    [InlineData("😀 🙂", SearchQuery.NoWordsMessage)]
    [InlineData("a*", SearchQuery.ShortPrefixMessage)]
    public void Malformed_input_gets_the_reader_facing_message(string? input, string? expected)
    {
        var result = SearchQuery.Parse(input);

        if (expected is null)
        {
            // NEAR is an ordinary word to the reader; the punctuation around it is not.
            Assert.True(result.IsValid, result.Error);
            Assert.Equal("(\"NEAR\")", FactCheck.Data.Search.SqliteSearchIndex.ToFts5(result.Query!));
        }
        else
        {
            Assert.False(result.IsValid);
            Assert.Equal(expected, result.Error);
        }
    }

    [Fact]
    public void More_terms_than_a_long_sentence_are_refused()
    {
        var words = string.Join(' ', Enumerable.Range(0, 33).Select(i => "w" + i));

        Assert.Equal("Search for at most 32 words or phrases.", SearchQuery.Parse(words).Error);
        Assert.True(SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 32).Select(i => "w" + i))).IsValid);
    }

    [Fact]
    public void Input_over_the_cap_is_refused_with_the_limit_named()
    {
        var result = SearchQuery.Parse(new string('a', 5000));

        Assert.False(result.IsValid);
        Assert.Equal("Search for at most 200 characters.", result.Error);
        Assert.True(SearchQuery.Parse(new string('a', 200)).IsValid);
    }

    [Fact]
    public void Words_prefixes_phrases_and_or_are_recognised()
    {
        var query = SearchQuery.Parse("amnes* \"amnesty  decree\" Balki OR Mujahid").Query!;

        Assert.Equal(2, query.Groups.Count);
        Assert.Equal(
            [new SearchTerm(SearchTermKind.Prefix, "amnes"), new SearchTerm(SearchTermKind.Phrase, "amnesty decree"), new SearchTerm(SearchTermKind.Word, "Balki")],
            query.Groups[0]);
        Assert.Equal([new SearchTerm(SearchTermKind.Word, "Mujahid")], query.Groups[1]);
        Assert.Equal("(\"amnes\"* AND \"amnesty decree\" AND \"Balki\") OR (\"Mujahid\")", SqliteSearchIndex.ToFts5(query));
    }

    [Theory]
    [InlineData("'; DROP TABLE Claims; --", "(\"DROP\" AND \"TABLE\" AND \"Claims\")")]
    [InlineData("title:amnesty", "(\"title amnesty\")")]
    [InlineData("NOT amnesty", "(\"NOT\" AND \"amnesty\")")]
    [InlineData("{Quote} : x", "(\"Quote\" AND \"x\")")]
    [InlineData("don't", "(\"don t\")")]
    [InlineData("Kabul’s “amnesty”", "(\"Kabul s\" AND \"amnesty\")")]
    public void Engine_syntax_in_reader_text_becomes_quoted_literals(string input, string expected)
    {
        var query = SearchQuery.Parse(input).Query!;

        Assert.Equal(expected, SqliteSearchIndex.ToFts5(query));
    }
}
