using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Claims;

namespace FactCheck.Tests.Components;

public class EvidenceItemTests : BunitContext
{
    internal static EvidenceView HrwThroughVoa(Stance stance = Stance.Contradicts, string note = "HRW found more than 100 former officers killed.") => new(
        stance,
        "Human Rights Watch",
        "30 November 2021",
        "HRW said it found credible information that more than 100 former officers were killed.",
        note,
        "Fact Check: Taliban amnesty claims",
        "Voice of America",
        "/sources/5/fact-check-taliban-amnesty#passage-42");

    [Fact]
    public void Item_shows_who_found_it_when_and_the_cited_words()
    {
        var item = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, HrwThroughVoa()));

        Assert.Equal("Human Rights Watch", item.Find(".evidence__org").TextContent.Trim());
        Assert.Contains("30 November 2021", item.Find(".evidence__meta").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "HRW said it found credible information that more than 100 former officers were killed.",
            TextNormalizer.Collapse(item.Find("blockquote").TextContent));
        Assert.Equal("HRW found more than 100 former officers killed.", item.Find(".evidence__note").TextContent.Trim());
    }

    [Fact]
    public void Item_links_to_the_passage_with_a_descriptive_link_text()
    {
        var link = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, HrwThroughVoa())).Find("a");

        Assert.Equal("/sources/5/fact-check-taliban-amnesty#passage-42", link.GetAttribute("href"));
        Assert.Contains("Fact Check: Taliban amnesty claims", link.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_reported_by_another_publisher_says_whom_it_is_cited_through()
    {
        var item = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, HrwThroughVoa()));

        Assert.Contains("cited through Voice of America", TextNormalizer.Collapse(item.Find(".evidence__meta").TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public void A_publishers_own_finding_is_not_cited_through_itself()
    {
        var own = HrwThroughVoa() with { SourcePublisher = "Human Rights Watch" };

        var item = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, own));

        Assert.Empty(item.FindAll(".evidence__via"));
        Assert.DoesNotContain("cited through", item.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Stance.Contradicts, "evidence--contradicts")]
    [InlineData(Stance.Supports, "evidence--supports")]
    [InlineData(Stance.AddsContext, "evidence--context")]
    public void Stance_is_marked_on_the_item(Stance stance, string cssClass)
    {
        var article = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, HrwThroughVoa(stance))).Find("article");

        Assert.Contains(cssClass, article.ClassList);
    }

    [Fact]
    public void Empty_note_is_left_out()
    {
        var item = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, HrwThroughVoa(note: " ")));

        Assert.Empty(item.FindAll(".evidence__note"));
    }

    [Fact]
    public void Markup_in_the_quote_is_shown_as_text()
    {
        var hostile = HrwThroughVoa() with { Quote = "<script>alert(1)</script>", Organization = "<b>Org</b>" };

        var item = Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, hostile));

        Assert.Empty(item.FindAll("script"));
        Assert.Empty(item.FindAll("b"));
        Assert.Equal("<script>alert(1)</script>", item.Find("blockquote").TextContent.Trim());
    }
}
