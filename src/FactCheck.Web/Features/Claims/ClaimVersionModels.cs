using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Claims;

/// <summary>One entry of a claim's page history.</summary>
public sealed record VersionEntry(int Number, DateTime CreatedAtUtc, string? Reason, string Url);

/// <summary>The claim page's "Page history": the newest versions, newest first, and how many there are in all.</summary>
/// <param name="Count">Versions are numbered 1, 2, 3 ... without gaps, so the newest number is also the count.</param>
public sealed record VersionHistory(int Count, IReadOnlyList<VersionEntry> Recent)
{
    /// <summary>How many the claim page lists; the rest are reached from a version's number in the URL.</summary>
    public const int Shown = 20;

    public VersionEntry? Newest => Recent.Count > 0 ? Recent[0] : null;
}

/// <summary>The retraction notice shown above a retracted claim's content.</summary>
public sealed record RetractionNotice(DateTime RetractedAtUtc, string? Reason);

/// <summary>The claim a merged claim now lives in.</summary>
public sealed record MergedClaimLink(int Id, string Slug, string Summary)
{
    public string Url => SiteUrls.Claim(Id, Slug);
}

/// <summary>
/// One stored version of a claim page, mapped to the claim page's own model so that the same components render
/// it; <see cref="Retraction"/> and <see cref="MergedInto"/> are the claim's state now, not the version's.
/// </summary>
public sealed record ClaimVersionPageModel(
    ClaimPageModel Page,
    int Number,
    DateTime CreatedAtUtc,
    string? Reason,
    int NewestNumber,
    RetractionNotice? Retraction,
    MergedClaimLink? MergedInto)
{
    public bool IsCurrent => Number == NewestNumber;

    public string Url => SiteUrls.ClaimVersion(Page.Id, Page.Slug, Number);

    /// <summary>The claim's page today, under its current slug.</summary>
    public string CurrentUrl => Page.Url;
}

/// <summary>A version's address settled: the page, or the canonical address when the slug was not the claim's.</summary>
public sealed record ClaimVersionLookup(string Slug, string Url, ClaimVersionPageModel? Page);
