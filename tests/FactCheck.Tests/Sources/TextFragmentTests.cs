using FactCheck.Web.Site;

namespace FactCheck.Tests.Sources;

// The expected strings are written out by hand from the WICG text-fragment syntax
// (#:~:text=[prefix-,]textStart[,textEnd][,-suffix]), not computed, so an encoding slip shows.
public sealed class TextFragmentTests
{
    [Fact]
    public void A_short_quote_with_a_comma_a_dash_and_an_ampersand_is_encoded_so_none_reads_as_syntax()
    {
        Assert.Equal(
            "text=Smith%20%26%20Sons%2C%20a%20well%2Dknown%20firm",
            TextFragments.Directive("Smith & Sons, a well-known firm", "", ""));
    }

    [Fact]
    public void Curly_quotes_are_percent_encoded_as_UTF_8_and_the_context_becomes_prefix_and_suffix()
    {
        Assert.Equal(
            "text=November%2030%20report%2C-,%E2%80%9CNo%20Forgiveness%20for%20People%20Like%20You%2C%E2%80%9D,-Human%20Rights%20Watch",
            TextFragments.Directive("“No Forgiveness for People Like You,”", "In a November 30 report, ", " Human Rights Watch reported the accounts"));
    }

    [Fact]
    public void A_long_quote_is_a_range_of_its_first_and_last_words()
    {
        Assert.Equal(
            "text=HRW%20said%20it%20found,former%20officers%20were%20killed.",
            TextFragments.Directive("HRW said it found credible information that more than 100 former officers were killed.", "", ""));
    }

    [Fact]
    public void Context_cut_mid_word_drops_the_part_word_and_stays_on_the_quotes_line()
    {
        // 32 characters of context (PassageLocator.ContextLength): "ormer" is a part word; the suffix's line ends.
        Assert.Equal(
            "text=were%20reported%20as-,killed,-in%20Kabul",
            TextFragments.Directive("killed", "ormer officers were reported as ", " in Kabul\nNext paragraph here ok"));
    }

    [Fact]
    public void A_quote_over_two_lines_is_a_range_even_when_short()
    {
        Assert.Equal("text=End%20of%20one,Start%20of%20next", TextFragments.Directive("End of one\n\nStart of next", "", ""));
    }

    [Theory]
    [InlineData("https://example.org/story", "https://example.org/story#:~:text=Yes")]
    [InlineData("https://example.org/story#top", "https://example.org/story#top:~:text=Yes")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("ftp://example.org/story", null)]
    [InlineData(null, null)]
    public void Only_web_addresses_get_a_link(string? url, string? expected)
    {
        Assert.Equal(expected, TextFragments.Link(url, "Yes", "", ""));
    }
}
