using FactCheck.Data.Entities;
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
/// <param name="Claim">For claims and evidence: the claim (with its rating when the result is the claim itself).</param>
public sealed record SearchResultView(
    string Url,
    MarkupString Heading,
    MarkupString Snippet,
    string Meta,
    SearchResultClaim? Claim);

/// <param name="IsSelf">True when the result is the claim itself (so no separate "about" link is needed).</param>
/// <param name="EvidenceStance">For an evidence result, how the evidence bears on the claim; shown instead of the
/// claim's rating badge, which beside a passage would read as the passage's own rating.</param>
public sealed record SearchResultClaim(string Summary, string Url, Rating? CurrentRating, bool IsSelf, Stance? EvidenceStance = null);

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

    /// <summary>The kind's noun for a count: "1 claim", "3 evidence items", "1,000+ documents".</summary>
    public static string Noun(SearchKind kind, int count) => (kind, count == 1) switch
    {
        (SearchKind.Claims, true) => "claim",
        (SearchKind.Claims, false) => "claims",
        (SearchKind.Evidence, true) => "evidence item",
        (SearchKind.Evidence, false) => "evidence items",
        (_, true) => "document",
        _ => "documents",
    };

    /// <summary>"1 claim", "3 evidence items", "1,000+ documents": the count as shown, with its noun agreeing.</summary>
    public static string Count(SearchKind kind, int count, string countDisplay) => $"{countDisplay} {Noun(kind, count)}";

    /// <summary>"No claims match.", but "No evidence matches.": evidence is a mass noun.</summary>
    public static string NoneMatch(SearchKind kind) => kind switch
    {
        SearchKind.Claims => "No claims match.",
        SearchKind.Evidence => "No evidence matches.",
        _ => "No documents match.",
    };

    public static string Title(SearchKind kind) => kind switch
    {
        SearchKind.Claims => "Claims",
        SearchKind.Evidence => "Evidence",
        _ => "Documents",
    };
}
