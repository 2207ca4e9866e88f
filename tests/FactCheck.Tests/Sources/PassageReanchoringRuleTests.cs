using FactCheck.Data.Entities;
using FactCheck.Data.Passages;
using FactCheck.Data.Seeding;

namespace FactCheck.Tests.Sources;

/// <summary>The re-anchoring rule on its own: what moves, what is flagged, and the spans it refuses to share.</summary>
public sealed class PassageReanchoringRuleTests
{
    private static readonly DateTime Now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void A_lost_passage_keeps_its_quote_context_and_offsets_and_a_found_one_gets_new_ones()
    {
        const string Old = "Alpha said yes. Beta said no. Gamma said maybe.";
        var yes = Cite(1, Old, "said yes");
        var no = Cite(2, Old, "said no");

        var outcome = PassageReanchoring.Apply([yes, no], "Intro. Alpha said yes. Gamma said maybe.", Now);

        Assert.True(outcome.Applied);
        Assert.Equal((13, 21, (DateTime?)null), (yes.Start, yes.End, yes.LostAtUtc));
        Assert.Equal(Now, no.LostAtUtc);
        Assert.Equal(("said no", "Alpha said yes. Beta ", ". Gamma said maybe."), (no.Exact, no.Prefix, no.Suffix));
        Assert.Equal((21, 28), (no.Start, no.End));
    }

    [Fact]
    public void A_passage_found_on_the_span_a_lost_one_kept_refuses_the_whole_change()
    {
        // "ghi jkl" moves to characters 0-7, exactly the span "abc def" kept when it was lost.
        const string Old = "abc def. ghi jkl.";
        var lost = Cite(1, Old, "abc def");
        var mover = Cite(2, Old, "ghi jkl");

        var outcome = PassageReanchoring.Apply([lost, mover], "ghi jkl. more.", Now);

        Assert.False(outcome.Applied);
        Assert.Contains("kept when it could no longer be found", Assert.Single(outcome.Conflicts), StringComparison.Ordinal);
        Assert.Equal((9, 16, (DateTime?)null), (mover.Start, mover.End, lost.LostAtUtc));
    }

    [Fact]
    public void Two_passages_found_on_one_span_leave_it_to_the_older_and_flag_the_other()
    {
        const string Old = "“Yes.” Then again: “Yes.”";
        var first = Cite(1, Old, "“Yes.”");
        var second = Cite(2, Old, "“Yes.”", occurrence: 2);

        var outcome = PassageReanchoring.Apply([second, first], "“Yes.”", Now);

        Assert.True(outcome.Applied);
        Assert.Equal((0, 6, (DateTime?)null), (first.Start, first.End, first.LostAtUtc));
        Assert.Equal(Now, second.LostAtUtc);
    }

    private static Passage Cite(int id, string text, string quote, int occurrence = 1)
    {
        var located = PassageLocator.Find(text, quote, occurrence)!;
        return new Passage { Id = id, Start = located.Start, End = located.End, Exact = located.Exact, Prefix = located.Prefix, Suffix = located.Suffix };
    }
}
