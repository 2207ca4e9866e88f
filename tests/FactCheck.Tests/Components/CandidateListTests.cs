using Bunit;
using FactCheck.Data.Candidates;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Components;

public class CandidateListTests : BunitContext
{
    private static readonly CandidateSuggestion Karimi = new(
        new ClaimCandidate("Bilal Karimi", "Taliban spokesman", "Nobody will be harmed for their past work", 120, 161),
        [
            new SimilarExistingClaim(4, "The Taliban said former interpreters are not in danger.", "They will not be in danger from us", 7.5),
            new SimilarExistingClaim(1, "The Taliban are fully enforcing their amnesty.", "The Mojahedin are fully committed to enforcing the amnesty decree", 2.25),
        ]);

    private static readonly CandidateSuggestion Turk = new(new ClaimCandidate("Volker Türk", null, "Reprisals must stop", 300, 319), []);

    // bUnit has no antiforgery of its own; the site's provider hands <AntiforgeryToken /> a token the same way.
    public CandidateListTests() => Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());

    [Fact]
    public void Each_candidate_shows_its_speaker_role_and_quote_in_a_blockquote()
    {
        var list = RenderList([Karimi, Turk]);

        var items = list.FindAll("li.candidate");
        Assert.Equal(2, items.Count);
        Assert.Equal("Bilal Karimi", items[0].QuerySelector(".candidate__speaker")!.TextContent);
        Assert.Equal("Taliban spokesman", items[0].QuerySelector(".candidate__role")!.TextContent);
        Assert.Equal("Nobody will be harmed for their past work", TextNormalizer.Collapse(items[0].QuerySelector("blockquote")!.TextContent));
        Assert.Equal("Volker Türk", TextNormalizer.Collapse(items[1].QuerySelector(".candidate__who")!.TextContent));
        Assert.Null(items[1].QuerySelector(".candidate__role"));
    }

    [Fact]
    public void Similar_claims_are_listed_as_choices_with_the_closest_selected()
    {
        var list = RenderList([Karimi]);

        var choices = list.FindAll("input[type=radio][name=ClaimId]");
        Assert.Equal(["4", "1"], choices.Select(c => c.GetAttribute("value")));
        Assert.True(choices[0].HasAttribute("checked"));
        Assert.False(choices[1].HasAttribute("checked"));
        Assert.Equal(
            ["The Taliban said former interpreters are not in danger.", "The Taliban are fully enforcing their amnesty."],
            list.FindAll(".similar-candidate__summary").Select(s => s.TextContent));
        Assert.Equal("They will not be in danger from us", list.Find(".similar-candidate__quote").TextContent);
    }

    [Fact]
    public void Each_candidate_posts_its_own_form_to_the_given_handler_with_the_candidate_in_hidden_fields()
    {
        var list = RenderList([Karimi, Turk]);

        var forms = list.FindAll("form");
        Assert.Equal(2, forms.Count);
        var form = forms[0];
        Assert.Equal("post", form.GetAttribute("method"));
        string? Field(string name) => form.QuerySelector($"input[type=hidden][name={name}]")?.GetAttribute("value");
        Assert.Equal("candidate", Field("_handler"));
        Assert.Equal("42", Field("SourceId"));
        Assert.Equal("Bilal Karimi", Field("Speaker"));
        Assert.Equal("Taliban spokesman", Field("Role"));
        Assert.Equal("Nobody will be harmed for their past work", Field("Quote"));
        Assert.Equal("120", Field("Start"));
        Assert.Equal("161", Field("End"));
        Assert.Equal(FixedAntiforgery.Token, form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]")?.GetAttribute("value"));
    }

    [Fact]
    public void A_candidate_can_become_a_claim_or_an_appearance_only_when_there_is_a_claim_to_appear_in()
    {
        var forms = RenderList([Karimi, Turk]).FindAll("form");

        var withSimilar = forms[0].QuerySelectorAll("button[type=submit]").Select(b => (b.TextContent, b.GetAttribute("value"))).ToList();
        var withoutSimilar = forms[1].QuerySelectorAll("button[type=submit]").Select(b => (b.TextContent, b.GetAttribute("value"))).ToList();
        Assert.Equal([("Create claim", "create"), ("Add as appearance of the selected claim", "appearance")], withSimilar);
        Assert.Equal([("Create claim", "create")], withoutSimilar);
    }

    [Fact]
    public void An_empty_list_says_no_quoted_statements_were_found()
    {
        var list = RenderList([]);

        Assert.Equal("No quoted statements found.", list.Find("p").TextContent.Trim());
        Assert.Empty(list.FindAll("form"));
    }

    [Fact]
    public void Markup_in_a_quote_is_shown_as_text()
    {
        var hostile = new CandidateSuggestion(new ClaimCandidate("<b>X</b>", null, "<script>alert(1)</script> is what he wrote", 0, 10), []);

        var list = RenderList([hostile]);

        Assert.Empty(list.FindAll("script"));
        Assert.Empty(list.FindAll("b"));
        Assert.Contains("<script>alert(1)</script>", list.Find("blockquote").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<CandidateList> RenderList(IReadOnlyList<CandidateSuggestion> candidates) =>
        Render<CandidateList>(ps => ps
            .Add(p => p.Candidates, candidates)
            .Add(p => p.Handler, "candidate")
            .Add(p => p.SourceId, 42));

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "test-antiforgery-token";

        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
