using FactCheck.Data.Seeding;

namespace FactCheck.Tests.Seeding;

/// <summary>
/// Where a reader's citation lands when a document is imported again. A passage is stored as its
/// offset, its exact words and up to <see cref="PassageLocator.ContextLength"/> characters either side;
/// these are the cases an editor meets: the document is unchanged, text moved it, the words around
/// it changed on one side, or the words occur several times.
/// </summary>
public sealed class PassageAnchoringTests
{
    private const string Quote = "“all former officials are pardoned”";

    // Long enough that the context either side is cut at 32 characters.
    private const string Report =
        "The spokesman spoke to reporters in Kabul on 17 August 2021. He said " + Quote +
        " and asked officials to return to work. Human Rights Watch later documented reprisals.";

    [Fact]
    public void A_quote_is_located_with_exactly_the_context_length_either_side()
    {
        var passage = PassageLocator.Find(Report, Quote)!;

        Assert.Equal(Report.IndexOf(Quote, StringComparison.Ordinal), passage.Start);
        Assert.Equal(passage.Start + Quote.Length, passage.End);
        Assert.Equal(Quote, passage.Exact);
        Assert.Equal("abul on 17 August 2021. He said ", passage.Prefix);
        Assert.Equal(" and asked officials to return t", passage.Suffix);
        Assert.Equal(PassageLocator.ContextLength, passage.Prefix.Length);
        Assert.Equal(PassageLocator.ContextLength, passage.Suffix.Length);
    }

    [Fact]
    public void A_quote_at_the_very_start_or_end_of_a_document_has_no_context_on_that_side()
    {
        var atStart = PassageLocator.Find(Quote + " was the message.", Quote)!;
        var atEnd = PassageLocator.Find("The message was " + Quote, Quote)!;

        Assert.Equal((0, "", " was the message."), (atStart.Start, atStart.Prefix, atStart.Suffix));
        Assert.Equal(("The message was ", ""), (atEnd.Prefix, atEnd.Suffix));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Occurrences_are_counted_from_one(int occurrence)
    {
        Assert.Null(PassageLocator.Find(Report, Quote, occurrence));
    }

    [Fact]
    public void Exact_an_unchanged_document_keeps_every_passage_where_it_was()
    {
        var cited = PassageLocator.Find(Report, Quote)!;

        Assert.Equal(cited, Reanchor(Report, cited));
    }

    [Fact]
    public void Exact_the_recorded_offset_wins_even_when_the_same_words_and_context_stand_earlier()
    {
        // Boilerplate repeated word for word (a standfirst printed twice): both occurrences have the
        // same context, and the citation is the second one.
        var block = "Statement repeated in full below. He said " + Quote + " and asked officials to return to work. ";
        var document = block + block;
        var cited = PassageLocator.Find(document, Quote, occurrence: 2)!;

        Assert.Equal(cited, Reanchor(document, cited));
    }

    [Fact]
    public void Exact_a_quote_that_ends_the_document_stays_put_beside_an_earlier_twin()
    {
        var ending = "The closing line of the statement: " + Quote;
        var document = ending + "\n\n" + ending;
        var cited = PassageLocator.Find(document, Quote, occurrence: 2)!;
        Assert.Equal(document.Length, cited.End);

        Assert.Equal(cited, Reanchor(document, cited));
    }

    [Fact]
    public void Moved_a_paragraph_added_above_shifts_the_passage_with_its_context_intact()
    {
        var cited = PassageLocator.Find(Report, Quote)!;
        var edited = "Editor's note, 20 August 2021: this report was updated with the full statement.\n\n" + Report;

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
        Assert.Equal((cited.Exact, cited.Prefix, cited.Suffix), (found.Exact, found.Prefix, found.Suffix));
    }

    [Fact]
    public void Moved_text_cut_above_puts_the_recorded_offset_past_the_end_and_the_words_are_still_found()
    {
        var sentence = "He said " + Quote + " and asked officials to return to work.";
        var original = new string('.', 120) + " " + sentence;
        var cited = PassageLocator.Find(original, Quote)!;
        var edited = "Kabul. " + sentence;
        Assert.True(cited.Start > edited.Length, "the old offset lies past the end of the shortened document");

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void Moved_an_opening_cut_back_to_the_quote_sentence_keeps_what_is_left_of_the_context()
    {
        var cited = PassageLocator.Find(Report, Quote)!;
        var edited = Report[Report.IndexOf("He said", StringComparison.Ordinal)..];

        var found = Reanchor(edited, cited)!;

        Assert.Equal("He said ".Length, found.Start);
        Assert.Equal("He said ", found.Prefix);
    }

    [Fact]
    public void Prefix_changed_the_occurrence_whose_following_words_still_match_is_chosen()
    {
        const string Original = "First he said “yes” to the amnesty. Then he said “yes” to the elections.";
        var cited = PassageLocator.Find(Original, "“yes”", occurrence: 2)!;
        var edited = Original.Replace("Then he said", "Asked again, the spokesman replied", StringComparison.Ordinal);

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.LastIndexOf("“yes”", StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void Suffix_changed_the_occurrence_whose_preceding_words_still_match_is_chosen()
    {
        const string Original = "Asked about the amnesty he said “yes”. Asked about elections he said “yes”, then left.";
        var cited = PassageLocator.Find(Original, "“yes”", occurrence: 1)!;
        var edited = Original.Replace("“yes”. Asked", "“yes” and smiled. Later, asked", StringComparison.Ordinal);

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf("“yes”", StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void Several_candidates_the_following_words_can_decide_alone()
    {
        // Both occurrences have the same preceding words; only what follows tells them apart.
        const string Original = "He said “yes” to the amnesty. He said “yes” to the elections.";
        var cited = PassageLocator.Find(Original, "“yes”", occurrence: 2)!;
        var edited = "Update. " + Original;

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.LastIndexOf("“yes”", StringComparison.Ordinal), found.Start);
        Assert.Equal(" to the elections.", found.Suffix);
    }

    [Fact]
    public void Several_candidates_the_preceding_words_can_decide_alone()
    {
        const string Original = "On the amnesty he said “yes”. On elections he said “yes”.";
        var cited = PassageLocator.Find(Original, "“yes”", occurrence: 1)!;
        var edited = Original + " Update: he later retracted both.";

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf("“yes”", StringComparison.Ordinal), found.Start);
        Assert.EndsWith("On the amnesty he said ", found.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_candidates_the_one_matching_more_context_on_both_sides_wins()
    {
        const string Original = "A: he said “yes” to all. B: she said “yes” to some. C: he said “yes” to some.";
        var cited = PassageLocator.Find(Original, "“yes”", occurrence: 3)!;
        var edited = "Summary first. " + Original;

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.LastIndexOf("“yes”", StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void Several_candidates_with_nothing_to_choose_between_them_the_first_is_taken()
    {
        // The sentence was rewritten as a transcript: neither answer keeps more of the old context.
        const string Original = "Asked about the amnesty, he said “yes”.";
        var cited = PassageLocator.Find(Original, "“yes”")!;
        const string Edited = "Transcript. Q1: “yes” | Q2: “yes” |";

        var found = Reanchor(Edited, cited)!;

        Assert.Equal(Edited.IndexOf("“yes”", StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void The_words_alone_anchor_a_quote_whose_context_was_entirely_rewritten()
    {
        var cited = PassageLocator.Find(Report, Quote)!;
        var edited = "Quoted:\n" + Quote + "\n";

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void A_document_cut_short_after_the_quote_still_holds_it()
    {
        var cited = PassageLocator.Find(Report, Quote)!;
        var edited = "Correction. " + Report[..(cited.End + 4)];

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
        Assert.Equal(" and", found.Suffix);
    }

    [Fact]
    public void A_quote_that_ended_the_document_is_found_after_text_is_appended()
    {
        var original = "He closed with " + Quote;
        var cited = PassageLocator.Find(original, Quote)!;
        var edited = "Kabul, 17 August. " + original + " Reporters left.";

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void A_quote_that_opened_the_document_is_found_after_text_is_prepended()
    {
        var original = Quote + ", he said.";
        var cited = PassageLocator.Find(original, Quote)!;
        var edited = "Kabul, 17 August. " + original;

        var found = Reanchor(edited, cited)!;

        Assert.Equal(edited.IndexOf(Quote, StringComparison.Ordinal), found.Start);
    }

    [Fact]
    public void A_citation_never_lands_on_other_words_in_the_same_place()
    {
        // A correction replaced the quoted words with others of the same length: the context is intact
        // but the cited words are gone, so there is nothing to highlight.
        const string Original = "The spokesman said “yes” when asked about the amnesty.";
        var cited = PassageLocator.Find(Original, "“yes”")!;
        var edited = Original.Replace("“yes”", "“no!”", StringComparison.Ordinal);

        Assert.Null(Reanchor(edited, cited));
    }

    private static LocatedPassage? Reanchor(string text, LocatedPassage cited) =>
        PassageLocator.Reanchor(text, cited.Start, cited.Exact, cited.Prefix, cited.Suffix);
}
