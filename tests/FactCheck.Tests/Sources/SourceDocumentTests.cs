using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Sources;

namespace FactCheck.Tests.Sources;

/// <summary>The source page's text: cited words marked quietly, each block followed by who cited it for what.</summary>
public class SourceDocumentTests : BunitContext
{
    private const string BalkiAppearance =
        "“The Mojahedin are fully committed to enforcing the amnesty decree, and the staff of the former administration will not be harassed because of their previous opposition,” he said.";

    private const string Document =
        "Headline\n\nA paragraph nobody cites.\n\n" + BalkiAppearance + "\n\nFirst cited line. Second cited line,\ncontinued here. Then uncited words.\n\nThe end.";

    private static int At(string words) => Document.IndexOf(words, StringComparison.Ordinal);

    private static readonly PassageSpan Appearance = new(7, At("“The Mojahedin"), At("“The Mojahedin") + BalkiAppearance.Length);

    private static readonly PassageSpan Spanning = new(9, At("Second cited line"), At("continued here.") + "continued here.".Length);

    private static readonly PassageCitation ReportsBalki = new(7, null, "The Taliban are fully enforcing their amnesty.", "/claims/1/balki", "Abdul Qahar Balki");

    private static readonly PassageCitation ContradictsBalki = new(9, Stance.Contradicts, "The Taliban are fully enforcing their amnesty.", "/claims/1/balki", "");

    private static readonly PassageCitation ContextForMujahid = new(9, Stance.AddsContext, "The amnesty covers all employees.", "/claims/2/mujahid", "");

    private IRenderedComponent<DocumentText> RenderDocument() => Render<DocumentText>(ps => ps
        .Add(p => p.Text, Document)
        .Add(p => p.Passages, [Appearance, Spanning])
        .Add(p => p.Citations, [ReportsBalki, ContradictsBalki, ContextForMujahid]));

    [Fact]
    public void Only_cited_paragraphs_are_marked_and_the_rest_read_as_plain_text()
    {
        var document = RenderDocument();

        var cited = document.FindAll(".cited");
        Assert.Equal(2, cited.Count);
        Assert.Equal(6, document.FindAll(".document-text p").Count);
        Assert.Equal(3, document.FindAll(".cited > p").Count);
        Assert.DoesNotContain(document.FindAll(".document-text > p"), p => p.QuerySelector("mark") is not null);
    }

    [Fact]
    public void Each_cited_block_says_which_claim_cites_it_and_for_what_with_a_link_named_by_the_claim()
    {
        var blocks = RenderDocument().FindAll(".cited");

        var appearanceNote = Assert.Single(blocks[0].QuerySelectorAll(".cited__note"));
        Assert.Equal("Reports the claim by Abdul Qahar Balki: The Taliban are fully enforcing their amnesty.", TextNormalizer.Collapse(appearanceNote.TextContent));
        Assert.Equal("/claims/1/balki", appearanceNote.QuerySelector("a")!.GetAttribute("href"));

        var notes = blocks[1].QuerySelectorAll(".cited__note").Select(n => TextNormalizer.Collapse(n.TextContent)).ToList();
        Assert.Equal(
            ["Cited as evidence (contradicts) for: The Taliban are fully enforcing their amnesty.", "Cited as evidence (adds context) for: The amnesty covers all employees."],
            notes);
        Assert.Equal(["The Taliban are fully enforcing their amnesty.", "The amnesty covers all employees."], blocks[1].QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void A_passage_running_over_two_paragraphs_is_one_block_with_its_anchor_kept()
    {
        var document = RenderDocument();

        var anchor = document.Find("#passage-9");
        var block = anchor.Closest(".cited");
        Assert.NotNull(block);
        Assert.Equal(2, block.QuerySelectorAll("p").Length);
        Assert.Equal("Second cited line, continued here.", TextNormalizer.Collapse(string.Join(" ", block.QuerySelectorAll("mark[data-passages~='9']").Select(m => m.TextContent))));
        Assert.NotNull(document.Find("#passage-7").Closest(".cited"));
    }

    [Fact]
    public void The_followed_passage_is_marked_whole_by_a_rule_for_its_anchor()
    {
        var css = PassageHighlighter.TargetStyles([9, 7, 9]);

        Assert.Equal(
            ".document-text:has(#passage-7:target) mark[data-passages~=\"7\"]{background:var(--passage-target-mark);}" +
            ".document-text:has(#passage-9:target) mark[data-passages~=\"9\"]{background:var(--passage-target-mark);}",
            css);
    }

    [Fact]
    public void The_claims_list_writes_no_space_before_the_colon_and_no_doubled_quote_marks()
    {
        var claims = new List<SourceClaimView>
        {
            new(1, "The Taliban are fully enforcing their amnesty.", "/claims/1/balki", Rating.Misleading,
            [
                new SourceCitationView(7, "/sources/4/doc#passage-7", BalkiAppearance, null, null, null),
                new SourceCitationView(9, "/sources/4/doc#passage-9", "Second cited line", Stance.Contradicts, "Human Rights Watch", null),
            ]),
        };

        var list = Render<SourceClaims>(ps => ps.Add(p => p.Claims, claims));

        var lines = list.FindAll(".source-claim__citations li").Select(li => TextNormalizer.Collapse(li.TextContent)).ToList();
        Assert.StartsWith("Reports the claim: “The Mojahedin are", lines[0], StringComparison.Ordinal);
        Assert.Equal("Contradicting evidence from Human Rights Watch: “Second cited line”", lines[1]);
        Assert.DoesNotContain(" :", list.Find(".source-claims").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("““", list.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_passages_share_a_block_and_each_note_says_which_passage_it_is_about()
    {
        const string text = "Intro.\n\nAlpha beta gamma delta epsilon.\n\nOutro.";
        var first = new PassageSpan(1, text.IndexOf("Alpha", StringComparison.Ordinal), text.IndexOf(" delta", StringComparison.Ordinal));
        var second = new PassageSpan(2, text.IndexOf("gamma", StringComparison.Ordinal), text.IndexOf(" epsilon", StringComparison.Ordinal) + " epsilon.".Length);

        var blocks = PassageHighlighter.Blocks(text, [second, first], [ContradictsBalki with { PassageId = 2 }, ReportsBalki with { PassageId = 1 }]);

        Assert.Equal([false, true, false], blocks.Select(b => b.IsCited));
        var notes = blocks[1].Notes;
        Assert.Equal([1, 2], notes.Select(n => n.PassageId));
        Assert.Equal(["“Alpha beta gamma”", "“gamma delta epsilon.”"], notes.Select(n => n.Excerpt));
        Assert.Contains(blocks[1].Paragraphs[0].Segments, s => s.PassageIds.Count == 2 && s.Text == "gamma");
    }
}
