using FactCheck.Data.Candidates;

namespace FactCheck.Tests.Candidates;

/// <summary>
/// The finder on made-up texts, one per quotation and attribution style an editor meets in wire copy,
/// and the traps: apostrophes, quotations within quotations, scare quotes, unnamed and unresolvable speakers.
/// </summary>
public class ClaimCandidateFinderTests
{
    public static TheoryData<string, string, string> QuotationMarks => new()
    {
        { "straight", "\"We will not target the police,\" Karimi said.", "We will not target the police" },
        { "curly", "“We will not target the police,” Karimi said.", "We will not target the police" },
        { "single curly", "‘We will not target the police,’ Karimi said.", "We will not target the police" },
        { "single straight", "'We will not target the police,' Karimi said.", "We will not target the police" },
        { "guillemets", "«We will not target the police», Karimi said.", "We will not target the police" },
        { "spaced guillemets", "« We will not target the police », Karimi said.", "We will not target the police" },
        { "German low-high", "„We will not target the police“, Karimi said.", "We will not target the police" },
        { "German reversed guillemets", "»We will not target the police«, Karimi said.", "We will not target the police" },
    };

    [Theory]
    [MemberData(nameof(QuotationMarks))]
    public void Every_kind_of_quotation_mark_gives_the_words_between_the_marks(string kind, string text, string quote)
    {
        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.True(quote == candidate.Quote, kind);
        Assert.Equal("Karimi", candidate.Speaker);
        Assert.Equal(quote, text[candidate.Start..candidate.End]);
    }

    public static TheoryData<string, string, string?> Attributions => new()
    {
        { "“The decree applies to everyone,” Karimi said.", "Karimi", null },
        { "“The decree applies to everyone,” said Karimi.", "Karimi", null },
        { "“The decree applies to everyone,” Karimi says.", "Karimi", null },
        { "Karimi says, “The decree applies to everyone.”", "Karimi", null },
        { "“The decree applies to everyone,” Karimi told reporters in Kabul.", "Karimi", null },
        { "Karimi told Reuters: “The decree applies to everyone.”", "Karimi", null },
        { "Karimi declared that “the decree applies to everyone.”", "Karimi", null },
        { "“The decree applies to everyone,” according to Karimi.", "Karimi", null },
        { "According to Human Rights Watch, “the decree is not applied to anyone.”", "Human Rights Watch", null },
        { "“The decree applies to everyone,” Karimi added on Monday.", "Karimi", null },
        { "Karimi stated: “The decree applies to everyone.”", "Karimi", null },
        { "“Any attack on the returnees will be answered,” warned Karimi.", "Karimi", null },
        { "“The decree applies to everyone,” Taliban spokesman Bilal Karimi said.", "Bilal Karimi", "Taliban spokesman" },
        { "“The decree applies to everyone,” said Taliban spokesman Bilal Karimi.", "Bilal Karimi", "Taliban spokesman" },
        { "Volker Türk, the UN High Commissioner for Human Rights, said: “Reprisals against former officials must stop.”", "Volker Türk", "the UN High Commissioner for Human Rights" },
        { "“Reprisals against former officials must stop,” said Volker Türk, the UN High Commissioner.", "Volker Türk", "the UN High Commissioner" },
        { "Secretary of State Antony Blinken said, “We are looking at all the options.”", "Antony Blinken", "Secretary of State" },
        { "“We are looking at all the options,” the Taliban said.", "Taliban", null },
        { "Mujahid, however, later told the newspaper: “The amnesty is not general at all.”", "Mujahid", null },
    };

    [Theory]
    [MemberData(nameof(Attributions))]
    public void Attributions_before_or_after_the_quote_name_the_speaker_and_role(string text, string speaker, string? role)
    {
        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal(speaker, candidate.Speaker);
        Assert.Equal(role, candidate.Role);
    }

    [Fact]
    public void Offsets_cover_the_words_without_the_marks_or_the_reporters_comma()
    {
        const string text = "In Kabul on Monday: “We will not target the police,” Karimi said.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal(text.IndexOf("We will", StringComparison.Ordinal), candidate.Start);
        Assert.Equal('“', text[candidate.Start - 1]);
        Assert.Equal(",”", text[candidate.End..(candidate.End + 2)]);
    }

    [Fact]
    public void A_quotation_over_two_paragraphs_runs_from_its_first_opening_mark_to_its_closing_mark()
    {
        const string text = "Karimi said: “The first paragraph of the statement ends here without a closing mark.\n\n“The second paragraph goes on and closes the quotation.”\n\nThe talks resumed on Monday.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal("Karimi", candidate.Speaker);
        Assert.Equal("The first paragraph of the statement ends here without a closing mark.\n\n“The second paragraph goes on and closes the quotation.", candidate.Quote);
        Assert.Equal(candidate.Quote, text[candidate.Start..candidate.End]);
    }

    [Fact]
    public void A_paragraph_left_open_without_a_continuing_mark_is_a_stray_mark_not_a_quotation()
    {
        const string text = "Karimi said: “The statement ends here without a closing mark.\n\nThe talks resumed on Monday, officials said.";

        Assert.Empty(ClaimCandidateFinder.Find(text));
    }

    [Theory]
    [InlineData("‘We don’t hold grudges against anyone,’ Karimi said.", "We don’t hold grudges against anyone")]
    [InlineData("'We don't hold grudges against anyone,' Karimi said.", "We don't hold grudges against anyone")]
    [InlineData("‘The soldiers’ families are safe in their homes,’ Karimi said.", "The soldiers’ families are safe in their homes")]
    public void An_apostrophe_inside_a_single_quoted_statement_does_not_end_it(string text, string quote)
    {
        Assert.Equal(quote, Assert.Single(ClaimCandidateFinder.Find(text)).Quote);
    }

    [Fact]
    public void Apostrophes_alone_are_not_quotations()
    {
        const string text = "The Taliban’s spokesman said the group’s fighters won’t return, and Karimi’s office said the soldiers’ families agreed. 'Tis the season, Karimi said.";

        Assert.Empty(ClaimCandidateFinder.Find(text));
    }

    [Fact]
    public void A_quotation_within_a_quotation_belongs_to_the_outer_statement()
    {
        const string text = "“They told us ‘you are safe now, go home’ and then they came back for us,” said Karimi.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal("They told us ‘you are safe now, go home’ and then they came back for us", candidate.Quote);
    }

    [Fact]
    public void Text_without_quotations_has_no_candidates()
    {
        Assert.Empty(ClaimCandidateFinder.Find("The Taliban said on Monday that the amnesty covers every former soldier.\n\nKarimi agreed."));
        Assert.Empty(ClaimCandidateFinder.Find(""));
    }

    [Theory]
    [InlineData("“We call on the Taliban to enforce the amnesty,” the statement said.")]
    [InlineData("“We call on the Taliban to enforce the amnesty,” the group said.")]
    [InlineData("“We call on the Taliban to enforce the amnesty,” a spokesman said.")]
    [InlineData("“We call on the Taliban to enforce the amnesty.”")]
    public void A_quotation_without_a_named_speaker_is_left_out(string text)
    {
        Assert.Empty(ClaimCandidateFinder.Find(text));
    }

    [Theory]
    [InlineData("The group offered a “life of peace and honor for you” to soldiers, Karimi said.")]
    [InlineData("Karimi described the offer as a “golden opportunity for the soldiers” on Friday.")]
    [InlineData("In a report, “No Forgiveness for People Like You,” Human Rights Watch reported the accounts of 67 officers.")]
    [InlineData("The Taliban offered an “amnesty,” Karimi said.")]
    public void Words_quoted_inside_the_reporters_own_sentence_are_not_statements(string text)
    {
        Assert.Empty(ClaimCandidateFinder.Find(text));
    }

    [Fact]
    public void He_said_resolves_to_the_one_speaker_named_in_the_paragraph_before()
    {
        const string text = "Taliban spokesman Bilal Karimi said the talks would resume.\n\n“We are committed to the process,” he said.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal("Bilal Karimi", candidate.Speaker);
        Assert.Equal("Taliban spokesman", candidate.Role);
    }

    [Theory]
    [InlineData("The talks resumed on Monday.\n\n“We are committed to the process,” he said.")]
    [InlineData("Karimi said the talks would resume, and Blinken said they would not.\n\n“We are committed to the process,” he said.")]
    [InlineData("Karimi said the talks would resume.\n\nThe talks resumed on Monday.\n\n“We are committed to the process,” he said.")]
    public void He_said_with_no_single_speaker_in_reach_is_left_out(string text)
    {
        Assert.Empty(ClaimCandidateFinder.Find(text));
    }

    [Fact]
    public void A_surname_is_completed_from_the_earlier_mention_with_its_role()
    {
        const string text = "On Monday, Michelle Bachelet, the United Nations High Commissioner for Human Rights, spoke in Geneva.\n\n“My office has received credible allegations of reprisal killings,” Bachelet said in a statement.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal("Michelle Bachelet", candidate.Speaker);
        Assert.Equal("the United Nations High Commissioner for Human Rights", candidate.Role);
    }

    [Fact]
    public void A_paragraph_quoted_as_a_block_after_a_colon_is_attributed_to_the_introducing_speaker()
    {
        const string text = "Referring to the soldiers, the Taliban later added:\n\nYou are protecting the foreign invaders and the regime which they have installed.\n\nThe offer came on Friday.";

        var candidate = Assert.Single(ClaimCandidateFinder.Find(text));

        Assert.Equal("Taliban", candidate.Speaker);
        Assert.Equal("You are protecting the foreign invaders and the regime which they have installed.", candidate.Quote);
    }

    [Fact]
    public void Every_candidate_of_a_text_is_found_in_document_order()
    {
        const string text = "“The decree applies to everyone,” Karimi said.\n\nBlinken said, “We are looking at all the options.”\n\n“Nobody will be harmed for their past,” Mujahid added.";

        var candidates = ClaimCandidateFinder.Find(text);

        Assert.Equal(["Karimi", "Blinken", "Mujahid"], candidates.Select(c => c.Speaker));
        Assert.All(candidates, c => Assert.Equal(c.Quote, text[c.Start..c.End]));
    }
}
