using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Browse;

/// <summary>One claim in a list: enough to recognise it and follow it to its page.</summary>
public sealed record ClaimListItem(
    int Id,
    string Summary,
    string Url,
    string QuoteExcerpt,
    bool IsVerbatim,
    string ClaimantName,
    string ClaimantUrl,
    ReportedDate SaidOn,
    Rating? CurrentRating);

/// <param name="Options">The form's choices and the messages about the values given.</param>
public sealed record ClaimBrowseModel(
    ClaimFilter Filter,
    int PageSize,
    int TotalCount,
    IReadOnlyList<ClaimListItem> Claims,
    ClaimFilterOptions Options)
{
    public IReadOnlyDictionary<string, string> Errors => Options.Errors;

    public int PageCount => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;

    /// <summary>The first position shown, counting from 1 ("Showing 21–40 of 57").</summary>
    public int FirstShown => Claims.Count == 0 ? 0 : ((Filter.Page - 1) * PageSize) + 1;

    public int LastShown => FirstShown == 0 ? 0 : FirstShown + Claims.Count - 1;

    /// <summary>A page past the last one that has results: the page says so and links back.</summary>
    public bool IsPastLastPage => TotalCount > 0 && Filter.Page > PageCount;

    public string? PreviousUrl => Filter.Page > 1 && !IsPastLastPage ? PageUrl(Filter.Page - 1) : null;

    public string? NextUrl => Filter.Page < PageCount ? PageUrl(Filter.Page + 1) : null;

    public string PageUrl(int page) => Filter.ToQueryString(SiteUrls.ClaimsPath, page: page);
}
