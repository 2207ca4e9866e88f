using Bunit;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Components.Shared;
using FactCheck.Web.Features.Claims;

namespace FactCheck.Tests.Components;

/// <summary>The claim page's wording: quote marks once, the date's preposition, links that say which passage.</summary>
public class ClaimTextTests : BunitContext
{
    private const string BalkiAppearance =
        "“The Mojahedin are fully committed to enforcing the amnesty decree, and the staff of the former administration will not be harassed because of their previous opposition,” he said.";

    [Fact]
    public void The_quote_block_shows_a_passage_with_its_own_marks_once()
    {
        var block = Render<QuoteBlock>(ps => ps.Add(p => p.Text, BalkiAppearance));

        Assert.Equal(BalkiAppearance, TextNormalizer.Collapse(block.Find("blockquote").TextContent));
    }

    [Theory]
    [InlineData("2018", DatePrecision.Year, "Said in 2018")]
    [InlineData("2018-05", DatePrecision.Month, "Said in May 2018")]
    [InlineData("2021-12-05", DatePrecision.Day, "Said on 5 December 2021")]
    public void The_statement_says_when_at_the_precision_the_archive_knows(string iso, DatePrecision precision, string expected)
    {
        var saidOn = ReportedDate.Parse(iso);
        Assert.Equal(precision, saidOn.Precision);
        var claim = new ClaimPageModel(1, "balki", "The Mojahedin are fully committed.", true, "Summary", new ClaimantView("Abdul Qahar Balki", ClaimantKind.Person, null, null),
            saidOn, null, [], null, [], [], []);

        var statement = Render<ClaimStatement>(ps => ps.Add(p => p.Claim, claim));

        Assert.Equal(expected, TextNormalizer.Collapse(statement.Find(".statement__when").TextContent));
        Assert.Equal(iso, statement.Find(".statement__when time").GetAttribute("datetime"));
    }

    [Fact]
    public void Read_in_context_links_to_passages_of_one_document_have_different_names()
    {
        var first = EvidenceItemTests.HrwThroughVoa();
        var second = first with { Quote = "The Taliban have used these screenings to detain and summarily execute.", PassageUrl = "/sources/5/fact-check-taliban-amnesty#passage-43" };

        var names = new[] { first, second }
            .Select(e => TextNormalizer.Collapse(Render<EvidenceItem>(ps => ps.Add(p => p.Evidence, e)).Find(".evidence__link a").TextContent))
            .ToList();

        Assert.All(names, name => Assert.StartsWith("Read in context", name, StringComparison.Ordinal));
        Assert.All(names, name => Assert.EndsWith(": Fact Check: Taliban amnesty claims", name, StringComparison.Ordinal));
        Assert.Equal(2, names.Distinct().Count());
        Assert.Contains("“The Taliban have used these screenings", names[1], StringComparison.Ordinal);
    }
}
