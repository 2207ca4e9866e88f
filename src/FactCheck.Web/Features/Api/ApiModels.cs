namespace FactCheck.Web.Features.Api;

/// <summary>One page of a list. Pages are 1-based; a page past the end has no items and no next link.</summary>
/// <param name="Items">The records on this page.</param>
/// <param name="Page">This page's number, from 1.</param>
/// <param name="PageSize">Records per page, 1 to 100 (20 unless asked).</param>
/// <param name="TotalCount">How many records match in all, where that costs no extra query (search); otherwise absent.</param>
/// <param name="Next">The absolute URL of the next page, or null on the last page.</param>
/// <param name="Previous">The absolute URL of the previous page, or null on the first.</param>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int? TotalCount, string? Next, string? Previous);

/// <summary>A step of the rating scale.</summary>
/// <param name="Slug">Stable machine name: true, mostly-true, half-true, misleading, mostly-false, false or unproven.</param>
/// <param name="Label">As readers see it: "Mostly true".</param>
/// <param name="Value">Position on the truth scale, 6 (true) to 1 (false); null for unproven, which says nothing about truth.</param>
public sealed record ApiRating(string Slug, string Label, int? Value);

/// <summary>A person or organisation whose statements are checked, as other records refer to it.</summary>
/// <param name="Slug">Stable key, used in /api/claimants/{slug} and the claims filter.</param>
/// <param name="Name">Display name.</param>
/// <param name="Url">The claimant's page on the site.</param>
/// <param name="ApiUrl">This claimant in the API.</param>
public sealed record ApiClaimantRef(string Slug, string Name, string Url, string ApiUrl);

/// <summary>A claim as other records refer to it.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">The URL slug; it may change, the id never does.</param>
/// <param name="Summary">A neutral one-line summary.</param>
/// <param name="Url">The claim's page on the site.</param>
/// <param name="ApiUrl">This claim in the API.</param>
public sealed record ApiClaimRef(int Id, string Slug, string Summary, string Url, string ApiUrl);

/// <summary>A topic that groups claims over time.</summary>
/// <param name="Slug">Stable key, used in the claims filter.</param>
/// <param name="Name">Display name.</param>
/// <param name="Url">The topic's timeline on the site.</param>
public sealed record ApiTopicRef(string Slug, string Name, string Url);

/// <summary>A document in the archive, as other records refer to it.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">The URL slug.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="PublishedOn">ISO 8601 to the precision known: "2021-12-05", "2021-12" or "2021".</param>
/// <param name="OriginalUrl">The publisher's address, where known.</param>
/// <param name="ArchiveUrl">An archived copy's address, where known.</param>
/// <param name="Url">The archived document on the site.</param>
/// <param name="ApiUrl">This document in the API.</param>
public sealed record ApiSourceRef(int Id, string Slug, string Title, string Publisher, string PublishedOn, string? OriginalUrl, string? ArchiveUrl, string Url, string ApiUrl);

/// <summary>
/// An exact span of a document's text: offsets plus the exact words with a short prefix and suffix (the W3C
/// Web Annotation TextQuoteSelector), so it can be found again if the document changes.
/// </summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Exact">The quoted words, exactly.</param>
/// <param name="Prefix">The text just before them.</param>
/// <param name="Suffix">The text just after them.</param>
/// <param name="Start">Offset of the first character in the document's text, in UTF-16 code units.</param>
/// <param name="End">Offset one past the last character.</param>
/// <param name="IsLost">True when a correction of the document no longer contains the words: the offsets are stale, the quote stands.</param>
/// <param name="Url">The passage highlighted in the archived document on the site.</param>
public sealed record ApiPassage(int Id, string Exact, string Prefix, string Suffix, int Start, int End, bool IsLost, string Url);

/// <summary>A claim as lists show it.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">The URL slug.</param>
/// <param name="Summary">A neutral one-line summary.</param>
/// <param name="Quote">The statement, word for word where isVerbatim.</param>
/// <param name="IsVerbatim">False where the documents only report the statement in their own words.</param>
/// <param name="Claimant">Who said it.</param>
/// <param name="SaidOn">When, ISO 8601 to the precision known.</param>
/// <param name="SaidWhere">Where, if recorded.</param>
/// <param name="Rating">The current published verdict's rating; null while no verdict is published.</param>
/// <param name="Url">The claim's page on the site.</param>
/// <param name="ApiUrl">This claim in the API.</param>
public sealed record ApiClaimSummary(
    int Id, string Slug, string Summary, string Quote, bool IsVerbatim, ApiClaimantRef Claimant, string SaidOn, string? SaidWhere, ApiRating? Rating, string Url, string ApiUrl);

/// <summary>A claim with everything its page shows.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">The URL slug.</param>
/// <param name="Summary">A neutral one-line summary.</param>
/// <param name="Quote">The statement, word for word where isVerbatim.</param>
/// <param name="IsVerbatim">False where the documents only report the statement in their own words.</param>
/// <param name="Claimant">Who said it.</param>
/// <param name="SaidOn">When, ISO 8601 to the precision known.</param>
/// <param name="SaidWhere">Where, if recorded.</param>
/// <param name="CurrentVerdict">The current published verdict; null while none is published.</param>
/// <param name="EarlierVerdicts">Published verdicts it superseded, newest first.</param>
/// <param name="Evidence">Cited passages that bear on the claim: contradicting, supporting, then context.</param>
/// <param name="Topics">Topics the claim belongs to.</param>
/// <param name="Appearances">Passages of documents that report the claim.</param>
/// <param name="Url">The claim's page on the site.</param>
/// <param name="ApiUrl">This claim in the API.</param>
public sealed record ApiClaim(
    int Id,
    string Slug,
    string Summary,
    string Quote,
    bool IsVerbatim,
    ApiClaimantRef Claimant,
    string SaidOn,
    string? SaidWhere,
    ApiVerdict? CurrentVerdict,
    IReadOnlyList<ApiVerdict> EarlierVerdicts,
    IReadOnlyList<ApiEvidence> Evidence,
    IReadOnlyList<ApiTopicRef> Topics,
    IReadOnlyList<ApiAppearance> Appearances,
    string Url,
    string ApiUrl);

/// <summary>A published verdict. Drafts and verdicts in review never appear in the API.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Claim">The claim it rates.</param>
/// <param name="Rating">The rating.</param>
/// <param name="Headline">One line that states the finding.</param>
/// <param name="Rationale">The reasoning, as Markdown.</param>
/// <param name="Author">The organisation that reached the verdict.</param>
/// <param name="AsOf">The date the rating speaks for, ISO 8601 to the precision known.</param>
/// <param name="PublishedOn">When the organisation published it, to the precision known; null when unknown.</param>
/// <param name="ShownDate">The date readers are shown: publishedOn where known, else asOf. Lists are newest first by it.</param>
/// <param name="PublishedAtUtc">When it went live on this site.</param>
/// <param name="CorrectionNote">Why it replaced an earlier published verdict; null for a first verdict.</param>
/// <param name="ClaimReviewed">The claim in under 75 characters, as ClaimReview's claimReviewed; null where the summary serves.</param>
/// <param name="Url">The claim's page on the site, where the verdict is shown.</param>
/// <param name="ApiUrl">This verdict in the API.</param>
public sealed record ApiVerdict(
    int Id,
    ApiClaimRef Claim,
    ApiRating Rating,
    string Headline,
    string Rationale,
    string Author,
    string AsOf,
    string? PublishedOn,
    string ShownDate,
    DateTime? PublishedAtUtc,
    string? CorrectionNote,
    string? ClaimReviewed,
    string Url,
    string ApiUrl);

/// <summary>A cited passage that bears on a claim.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Stance">contradicts, supports or adds-context.</param>
/// <param name="Organization">Who the finding comes from (can differ from the document's publisher).</param>
/// <param name="FoundOn">When the finding was made or published, ISO 8601 to the precision known.</param>
/// <param name="Note">What the passage shows.</param>
/// <param name="Passage">The cited words.</param>
/// <param name="Source">The document they are in.</param>
/// <param name="Claim">The claim they bear on.</param>
/// <param name="Url">The passage highlighted in the archived document on the site.</param>
/// <param name="ApiUrl">This evidence item in the API.</param>
public sealed record ApiEvidence(
    int Id, string Stance, string Organization, string FoundOn, string Note, ApiPassage Passage, ApiSourceRef Source, ApiClaimRef Claim, string Url, string ApiUrl);

/// <summary>A passage of a document that reports the claim.</summary>
/// <param name="Passage">The reporting words.</param>
/// <param name="Source">The document.</param>
public sealed record ApiAppearance(ApiPassage Passage, ApiSourceRef Source);

/// <summary>A claimant with how their published verdicts are spread over the scale.</summary>
/// <param name="Slug">Stable key.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">person or organization.</param>
/// <param name="Role">Their role, if recorded.</param>
/// <param name="Affiliation">Their affiliation, if recorded.</param>
/// <param name="ClaimCount">Their claims on the site (not retracted or merged), with a published verdict or not.</param>
/// <param name="RatingCounts">Claims per current rating, in scale order; a rating with none is left out, and so are claims without a published verdict.</param>
/// <param name="Url">The claimant's page on the site.</param>
/// <param name="ApiUrl">This claimant in the API.</param>
/// <param name="ClaimsApiUrl">Their claims in the API.</param>
public sealed record ApiClaimant(
    string Slug, string Name, string Kind, string? Role, string? Affiliation, int ClaimCount, IReadOnlyList<ApiRatingCount> RatingCounts, string Url, string ApiUrl, string ClaimsApiUrl);

/// <summary>How many claims carry a rating.</summary>
/// <param name="Rating">The rating.</param>
/// <param name="Count">Claims whose current verdict has it.</param>
public sealed record ApiRatingCount(ApiRating Rating, int Count);

/// <summary>A document in the archive with its metadata.</summary>
/// <param name="Id">Stable numeric id.</param>
/// <param name="Slug">The URL slug.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Kind">news-article, report, official-statement, video-report or fact-check.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="Author">Who wrote it, if known.</param>
/// <param name="PublishedOn">ISO 8601 to the precision known.</param>
/// <param name="Language">BCP 47 language tag.</param>
/// <param name="OriginalUrl">The publisher's address, where known.</param>
/// <param name="ArchiveUrl">An archived copy's address, where known.</param>
/// <param name="AccessedOn">The day the original address was read, where recorded.</param>
/// <param name="Url">The archived document on the site.</param>
/// <param name="ApiUrl">This document in the API.</param>
/// <param name="TextUrl">The full text, exactly as archived, as text/plain.</param>
public sealed record ApiSourceSummary(
    int Id, string Slug, string Title, string Kind, string Publisher, string? Author, string PublishedOn, string Language,
    string? OriginalUrl, string? ArchiveUrl, DateOnly? AccessedOn, string Url, string ApiUrl, string TextUrl);

/// <summary>A document's metadata and its cited passages; the text itself is at textUrl.</summary>
/// <param name="Document">The metadata.</param>
/// <param name="AttributionNote">How the metadata was established where the document does not state it.</param>
/// <param name="ContentHash">SHA-256 of the UTF-8 text, lower-case hex; also the text's ETag.</param>
/// <param name="Passages">Every passage cited or quoted from it, in text order.</param>
public sealed record ApiSource(ApiSourceSummary Document, string? AttributionNote, string ContentHash, IReadOnlyList<ApiPassage> Passages);

/// <summary>One search result.</summary>
/// <param name="Kind">claims, evidence or documents.</param>
/// <param name="Id">The record's id.</param>
/// <param name="Heading">The claim's summary, the evidence's organisation or the document's title.</param>
/// <param name="Snippet">The best-matching stretch of its text, as plain text.</param>
/// <param name="Url">The record on the site.</param>
/// <param name="ApiUrl">The record in the API.</param>
public sealed record ApiSearchResult(string Kind, int Id, string Heading, string Snippet, string Url, string ApiUrl);
