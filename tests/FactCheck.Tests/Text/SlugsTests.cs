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

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary()
    {
        var slug = Slugs.From("The Mojahedin are fully committed to enforcing the amnesty decree", maxLength: 30);

        Assert.True(slug.Length <= 30, slug);
        Assert.False(slug.EndsWith('-'));
        Assert.StartsWith("the-mojahedin-are-fully", slug, StringComparison.Ordinal);
    }

    [Fact]
    public void Slugs_only_contain_lowercase_ascii_digits_and_single_dashes()
    {
        var slug = Slugs.From("Mujahid: «Amnesty» for ALL employees — 17 August 2021 / Kabul");

        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }
}
