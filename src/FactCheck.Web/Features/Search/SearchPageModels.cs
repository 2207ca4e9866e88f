using FactCheck.Data.Search;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Browse;
using Microsoft.AspNetCore.Components;

namespace FactCheck.Web.Features.Search;

/// <param name="Query">The text as typed, for the search box.</param>
/// <param name="QueryError">Why the query cannot be run, shown beside the box; null when it ran (or none was typed).</param>
/// <param name="Kind">The one kind shown with paging, or null for the overview of all three.</param>
public sealed record SearchPageModel(
    string Query,
    string? QueryError,
    ClaimFilter Filter,
    SearchKind? Kind,
    IReadOnlyList<SearchSectionView> Sections,
    ClaimFilterOptions Options)
{
    public bool HasResults => Sections.Any(s => s.Total > 0);

    public bool WasRun => QueryError is null && Query.Length > 0;
}

/// <param name="TotalDisplay">"12", or "1,000+" when counting stopped.</param>
/// <param name="ShowAllUrl">In the overview, the URL of this kind's own paged results.</param>
public sealed record SearchSectionView(
    SearchKind Kind,
    string Title,
    string Id,
    int Total,
    string TotalDisplay,
    bool IsRankedWithinNewest,
    IReadOnlyList<SearchResultView> Results,
    string SwitchUrl,
    string? ShowAllUrl,
    int Page,
    int PageCount,
    string? PreviousUrl,
    string? NextUrl);

/// <param name="Heading">Highlighted, already HTML-encoded by <see cref="SearchSnippets"/>.</param>
/// <param name="Snippet">Highlighted, already HTML-encoded by <see cref="SearchSnippets"/>.</param>
/// <param name="Claim">For claims and evidence: the claim and its current rating.</param>
public sealed record SearchResultView(
    string Url,
    MarkupString Heading,
    MarkupString Snippet,
    string Meta,
    SearchResultClaim? Claim);

/// <param name="IsSelf">True when the result is the claim itself (so no separate "about" link is needed).</param>
public sealed record SearchResultClaim(string Summary, string Url, Rating? CurrentRating, bool IsSelf);

public static class SearchKinds
{
    public static string Slug(SearchKind kind) => kind switch
    {
        SearchKind.Claims => "claims",
        SearchKind.Evidence => "evidence",
        _ => "documents",
    };

    public static SearchKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "claims" => SearchKind.Claims,
        "evidence" => SearchKind.Evidence,
        "documents" => SearchKind.Documents,
        _ => null,
    };

    public static string Title(SearchKind kind) => kind switch
    {
        SearchKind.Claims => "Claims",
        SearchKind.Evidence => "Evidence",
        _ => "Documents",
    };
}
