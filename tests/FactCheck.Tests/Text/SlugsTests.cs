using FactCheck.Data.Text;

namespace FactCheck.Tests.Text;

/// <summary>Slugs end up in permalinks that readers share, so they must be readable, stable and URL-safe.</summary>
public class SlugsTests
{
    [Theory]
    [InlineData("Taliban’s “amnesty” pledge", "talibans-amnesty-pledge")]
    [InlineData("  Abdul Qahar Balki  ", "abdul-qahar-balki")]
    [InlineData("Ramadan 2018: a general amnesty?", "ramadan-2018-a-general-amnesty")]
    [InlineData("Café déjà vu", "cafe-deja-vu")]
    public void Text_becomes_a_readable_slug(string text, string expected)
    {
        Assert.Equal(expected, Slugs.From(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ???")]
    public void Text_without_letters_gets_the_fallback(string? text)
    {
        Assert.Equal(Slugs.Fallback, Slugs.From(text));
    }

    [Theory]
    [InlineData("Straße", "strasse")]
    [InlineData("Ærøskøbing", "aeroskobing")]
    [InlineData("Sœur Léa", "soeur-lea")]
    [InlineData("Đorđe Balašević", "dorde-balasevic")]
    [InlineData("Guðmundur", "gudmundur")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Þórshöfn", "thorshofn")]
    [InlineData("Diyarbakır", "diyarbakir")]
    [InlineData("Zabihullah Mujahid, 1979", "zabihullah-mujahid-1979")]
    public void Letters_without_an_ascii_decomposition_are_spelled_out(string text, string expected)
    {
        Assert.Equal(expected, Slugs.From(text));
    }

    [Theory]
    // An accent typed as its own character, a Devanagari spacing mark, an enclosing circle, quotes.
    [InlineData("Cafe\u0301s reopen", "cafes-reopen")]
    [InlineData("Ka\u0903bul talks", "kabul-talks")]
    [InlineData("Ka\u20DDbul talks", "kabul-talks")]
    [InlineData("don't “quote” me", "dont-quote-me")]
    public void Combining_marks_and_quotes_never_split_a_word(string text, string expected)
    {
        Assert.Equal(expected, Slugs.From(text));
    }

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary()
    {
        var slug = Slugs.From("The Mojahedin are fully committed to enforcing the amnesty decree", maxLength: 30);

        Assert.Equal("the-mojahedin-are-fully", slug);
    }

    [Theory]
    [InlineData("Amnesty decree", 7, "amnesty")]
    [InlineData("Amnesty decree", 14, "amnesty-decree")]
    [InlineData("Amnesty decree", 13, "amnesty")]
    [InlineData("Amnesty", 3, "amn")]
    [InlineData("¡Amnesty!", 3, "amn")]
    [InlineData("— Amnesty decree", 10, "amnesty")]
    public void The_cut_falls_on_the_last_dash_within_the_limit_or_at_the_limit_inside_one_long_word(string text, int maxLength, string expected)
    {
        Assert.Equal(expected, Slugs.From(text, maxLength));
    }

    [Fact]
    public void A_limit_below_one_character_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Slugs.From("Amnesty", maxLength: 0));
    }

    [Fact]
    public void Slugs_only_contain_lowercase_ascii_digits_and_single_dashes()
    {
        var slug = Slugs.From("Mujahid: «Amnesty» for ALL employees — 17 August 2021 / Kabul");

        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }
}
