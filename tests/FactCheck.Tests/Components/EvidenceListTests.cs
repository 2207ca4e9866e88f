using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Web.Features.Claims;

namespace FactCheck.Tests.Components;

public class EvidenceListTests : BunitContext
{
    private static EvidenceView Item(Stance stance, string organization) =>
        EvidenceItemTests.HrwThroughVoa(stance) with { Organization = organization };

    [Fact]
    public void Evidence_is_grouped_by_stance_with_contradicting_evidence_first()
    {
        EvidenceView[] items =
        [
            Item(Stance.AddsContext, "Asharq Al-Awsat"),
            Item(Stance.Contradicts, "Human Rights Watch"),
            Item(Stance.Supports, "Taliban Foreign Ministry"),
            Item(Stance.Contradicts, "CNN"),
        ];

        var list = Render<EvidenceList>(ps => ps.Add(p => p.Items, items));

        var headings = list.FindAll("h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Contradicting evidence (2)", "Supporting evidence (1)", "Context (1)"], headings);

        var groups = list.FindAll("section.evidence-group");
        Assert.Equal(["Human Rights Watch", "CNN"], groups[0].QuerySelectorAll(".evidence__org").Select(o => o.TextContent.Trim()));
        Assert.Equal(["Taliban Foreign Ministry"], groups[1].QuerySelectorAll(".evidence__org").Select(o => o.TextContent.Trim()));
        Assert.Equal(["Asharq Al-Awsat"], groups[2].QuerySelectorAll(".evidence__org").Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public void Groups_without_evidence_are_left_out()
    {
        var list = Render<EvidenceList>(ps => ps.Add(p => p.Items, [Item(Stance.Contradicts, "CNN")]));

        var heading = Assert.Single(list.FindAll("h3"));
        Assert.StartsWith("Contradicting evidence", heading.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Single(list.FindAll("article.evidence"));
    }

    [Fact]
    public void Each_group_is_a_labelled_region_for_screen_readers()
    {
        var list = Render<EvidenceList>(ps => ps.Add(p => p.Items, [Item(Stance.Contradicts, "CNN"), Item(Stance.AddsContext, "UN")]));

        Assert.All(list.FindAll("section[aria-labelledby]"), section =>
        {
            var id = section.GetAttribute("aria-labelledby");
            Assert.NotNull(list.Find($"[id='{id}']"));
        });
        var ids = list.FindAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void No_evidence_says_so()
    {
        var list = Render<EvidenceList>(ps => ps.Add(p => p.Items, []));

        Assert.Contains("No evidence has been recorded", list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("article"));
    }
}
