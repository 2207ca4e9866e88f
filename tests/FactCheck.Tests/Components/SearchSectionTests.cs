using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Search;
using Microsoft.AspNetCore.Components;

namespace FactCheck.Tests.Components;

/// <summary>Search results: evidence is not rated, so it shows its stance and its claim; claims keep their badge.</summary>
public class SearchSectionTests : BunitContext
{
    [Fact]
    public void An_evidence_result_shows_its_stance_and_claim_but_no_rating_while_a_claim_result_keeps_its_badge()
    {
        var section = new SearchSectionView(FactCheck.Data.Search.SearchKind.Evidence, "Evidence", "results-evidence", 2, "2", false,
        [
            new SearchResultView("/sources/4/doc#passage-9", new MarkupString("Human Rights Watch"), new MarkupString("more than 100 former officers"),
                "30 November 2021, in Taliban Did Not ‘Fully Commit’", new SearchResultClaim("The Taliban are fully enforcing their amnesty.", "/claims/1/balki", null, false, Stance.Contradicts)),
            new SearchResultView("/claims/1/balki", new MarkupString("The Taliban are fully enforcing"), new MarkupString(""),
                "Abdul Qahar Balki, 5 December 2021", new SearchResultClaim("The Taliban are fully enforcing their amnesty.", "/claims/1/balki", Rating.Misleading, true)),
        ], "/search?q=x&kind=evidence", null, 1, 1, null, null);

        var results = Render<SearchSection>(ps => ps.Add(p => p.Section, section)).FindAll("li.search-result");

        Assert.Null(results[0].QuerySelector(".rating"));
        Assert.Equal("Contradicts the claim: The Taliban are fully enforcing their amnesty.", TextNormalizer.Collapse(results[0].QuerySelector(".search-result__claim")!.TextContent));
        Assert.Equal("/claims/1/balki", results[0].QuerySelector(".search-result__claim a")!.GetAttribute("href"));
        Assert.Equal("Misleading", results[1].QuerySelector(".rating")!.TextContent.Trim());
    }

    [Fact]
    public void An_empty_evidence_section_says_no_evidence_matches()
    {
        var section = new SearchSectionView(FactCheck.Data.Search.SearchKind.Evidence, "Evidence", "results-evidence", 0, "0", false, [], "/search?q=x&kind=evidence", null, 1, 1, null, null);

        var rendered = Render<SearchSection>(ps => ps.Add(p => p.Section, section));

        Assert.Contains("No evidence matches.", rendered.Markup, StringComparison.Ordinal);
    }
}
