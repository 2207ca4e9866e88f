using FactCheck.Data.Entities;
using FactCheck.Web.Site;

namespace FactCheck.Tests.Text;

/// <summary>The small text rules a reader notices when they are wrong: cut words, doubled marks, "on 2018".</summary>
public class TextBlocksTests
{
    /// <summary>The Balki appearance in the Polygraph.info document: it brings its own opening mark.</summary>
    private const string BalkiAppearance =
        "“The Mojahedin are fully committed to enforcing the amnesty decree, and the staff of the former administration will not be harassed because of their previous opposition,” he said.";

    [Theory]
    [InlineData(160)]
    [InlineData(170)]
    [InlineData(60)]
    [InlineData(21)]
    public void An_excerpt_ends_on_a_whole_word_with_one_ellipsis(int maxLength)
    {
        var excerpt = TextBlocks.Excerpt(BalkiAppearance, maxLength);

        Assert.True(excerpt.Length <= maxLength, $"{excerpt.Length} > {maxLength}: {excerpt}");
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("……", excerpt, StringComparison.Ordinal);
        var words = excerpt.TrimEnd('…').Split(' ');
        var sourceWords = BalkiAppearance.Split(' ');
        Assert.Equal(sourceWords[..words.Length].Select(w => w.TrimEnd(',', '.')), words.Select(w => w.TrimEnd(',', '.')));
    }

    [Fact]
    public void The_cut_that_fell_in_opposition_keeps_the_word_before_it()
    {
        // 165 characters ends inside "opposition": the excerpt must stop after "previous", not at "op".
        var excerpt = TextBlocks.Excerpt(BalkiAppearance, 165);

        Assert.EndsWith("their previous…", excerpt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Forty interviews were conducted, in person, in various provinces", 34, "Forty interviews were conducted…")]
    [InlineData("He said: the amnesty is general", 10, "He said…")]
    [InlineData("It ended. Then more words", 11, "It ended…")]
    [InlineData("Already cut… and more text", 14, "Already cut…")]
    public void Dangling_punctuation_is_dropped_before_the_single_ellipsis(string text, int maxLength, string expected)
    {
        Assert.Equal(expected, TextBlocks.Excerpt(text, maxLength));
    }

    [Fact]
    public void Short_text_is_left_whole_and_a_single_long_word_is_cut_only_because_it_must_be()
    {
        Assert.Equal("Short text.", TextBlocks.Excerpt("Short text.", 40));
        Assert.Equal("Antidisestab…", TextBlocks.Excerpt("Antidisestablishmentarianism", 13));
    }

    [Fact]
    public void A_passage_with_its_own_opening_mark_is_not_given_a_second_one()
    {
        var quoted = TextBlocks.Quoted(BalkiAppearance);

        Assert.Equal(BalkiAppearance, quoted);
        Assert.DoesNotContain("““", TextBlocks.Quoted(TextBlocks.Excerpt(BalkiAppearance, 60)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amnesty decree", "“amnesty decree”")]
    [InlineData("\"amnesty decree\"", "\"amnesty decree\"")]
    [InlineData("‘Fully Commit’ he wrote", "‘Fully Commit’ he wrote")]
    [InlineData("«Le peuple»", "«Le peuple»")]
    public void Plain_text_is_wrapped_in_marks_and_already_quoted_text_is_not(string text, string expected)
    {
        Assert.Equal(expected, TextBlocks.Quoted(text));
    }

    [Theory]
    [InlineData("2021-12-05", "on 5 December 2021")]
    [InlineData("2018-05", "in May 2018")]
    [InlineData("2018", "in 2018")]
    public void A_date_takes_the_preposition_of_its_precision(string iso, string expected)
    {
        Assert.Equal(expected, DisplayDates.OnOrIn(ReportedDate.Parse(iso)));
    }
}
