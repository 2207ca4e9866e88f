using FactCheck.Data.Seeding;

namespace FactCheck.Tests.Seeding;

public sealed class PassageLocatorTests
{
    private const string Text = "He said “yes”. Later he said “yes” again, and then “no”.";

    [Fact]
    public void Finds_the_requested_occurrence_with_its_context()
    {
        var second = PassageLocator.Find(Text, "“yes”", occurrence: 2);

        Assert.NotNull(second);
        Assert.Equal(Text.LastIndexOf("“yes”", StringComparison.Ordinal), second.Start);
        Assert.Equal("“yes”", Text[second.Start..second.End]);
        Assert.Equal(Text[..second.Start], second.Prefix);
        Assert.Equal(" again, and then “no”.", second.Suffix);
    }

    [Fact]
    public void Matches_character_for_character_only()
    {
        Assert.Null(PassageLocator.Find(Text, "\"yes\""));
        Assert.Null(PassageLocator.Find(Text, "“Yes”"));
        Assert.Null(PassageLocator.Find(Text, "“yes”", occurrence: 3));
        Assert.Null(PassageLocator.Find(Text, ""));
    }

    [Fact]
    public void Reanchors_by_context_when_the_text_has_shifted()
    {
        var original = PassageLocator.Find(Text, "“yes”", occurrence: 2)!;
        var edited = "Correction appended. " + Text.Replace("He said", "He first said", StringComparison.Ordinal);

        var found = PassageLocator.Reanchor(edited, original.Start, original.Exact, original.Prefix, original.Suffix);

        Assert.NotNull(found);
        Assert.Equal(edited.LastIndexOf("“yes”", StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void Reanchor_returns_null_when_the_words_are_gone()
    {
        Assert.Null(PassageLocator.Reanchor("Nothing here.", 3, "“yes”", "", ""));
    }
}

public sealed class PassageLocatorContextTests
{
    [Fact]
    public void An_edit_that_puts_another_occurrence_at_the_old_offset_does_not_move_the_citation()
    {
        const string Original = "A “no”. B “no”.";
        var cited = PassageLocator.Find(Original, "“no”", occurrence: 2)!;

        // The edit replaces the opening so that the first “no” now stands exactly at the cited offset.
        var edited = new string('X', cited.Start) + "“no”. B “no”.";
        Assert.Equal(cited.Start, edited.IndexOf("“no”", StringComparison.Ordinal));

        var found = PassageLocator.Reanchor(edited, cited.Start, cited.Exact, cited.Prefix, cited.Suffix);

        Assert.NotNull(found);
        Assert.Equal(edited.LastIndexOf("“no”", StringComparison.Ordinal), found.Start);
    }
}
