using FactCheck.Data.Search;
using FactCheck.Web.Features.Search;

namespace FactCheck.Tests.Search;

/// <summary>Counts on the search page and in its description agree with their number ("No evidence match." did not).</summary>
public class SearchCountsTests
{
    [Theory]
    [InlineData(SearchKind.Claims, 1, "1", "1 claim")]
    [InlineData(SearchKind.Claims, 3, "3", "3 claims")]
    [InlineData(SearchKind.Evidence, 1, "1", "1 evidence item")]
    [InlineData(SearchKind.Evidence, 3, "3", "3 evidence items")]
    [InlineData(SearchKind.Evidence, 0, "0", "0 evidence items")]
    [InlineData(SearchKind.Documents, 1, "1", "1 document")]
    [InlineData(SearchKind.Documents, 1000, "1,000+", "1,000+ documents")]
    public void Search_counts_agree_with_their_number(SearchKind kind, int count, string display, string expected)
    {
        Assert.Equal(expected, SearchKinds.Count(kind, count, display));
    }

    [Theory]
    [InlineData(SearchKind.Claims, "No claims match.")]
    [InlineData(SearchKind.Evidence, "No evidence matches.")]
    [InlineData(SearchKind.Documents, "No documents match.")]
    public void An_empty_section_says_so_in_good_grammar(SearchKind kind, string expected)
    {
        Assert.Equal(expected, SearchKinds.NoneMatch(kind));
    }
}
