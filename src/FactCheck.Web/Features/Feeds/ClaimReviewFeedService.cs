using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Feeds;

/// <summary>
/// Every claim's current published verdict as ClaimReview, in two shapes: a schema.org DataFeed
/// (/feeds/claimreview.jsonld, Google's "ClaimReview data feed") and a JSON array of Fact Check Tools
/// ClaimReviewMarkupPage resources (/feeds/claimreview-markup.json) that a newsroom can load into Google's
/// Fact Check Markup Tool. Each ClaimReview is written by <see cref="ClaimReviewJsonLd"/>, as on the claim page.
/// <para>
/// The feed is the whole archive, uncapped: a consumer that misses a review cannot ask for it otherwise. So it
/// is read in two queries up to <see cref="BatchSize"/> reviewed claims and one more per further batch, never
/// one per claim (the documents' metadata, which claim appears in which passage, then the verdicts with their
/// claims in claim order), and written to the response batch by batch, with Utf8JsonWriter flushing every few
/// kilobytes: 100,000 claims never sit in memory as one document.
/// </para>
/// </summary>
public sealed class ClaimReviewFeedService(FactCheckDbContext db, SiteSettings site, ClaimReviewJsonLd claimReview)
{
    public const string JsonLdContentType = "application/ld+json; charset=utf-8";
    public const string MarkupContentType = "application/json; charset=utf-8";

    // Flushed to the client each time this much is pending: small enough to keep memory flat, large enough
    // that the socket is not written to per review.
    private const int FlushThreshold = 32 * 1024;

    /// <summary>Claims read per query: 100,000 claims are 20 short reads rather than one held open for the whole download.</summary>
    public const int BatchSize = 5_000;

    public async Task WriteDataFeedAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var baseUrl = site.BaseUrlFor(response.HttpContext.Request);
        response.ContentType = JsonLdContentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("@context", "https://schema.org");
        writer.WriteString("@type", "DataFeed");
        writer.WriteString("name", $"{site.Name}: ClaimReview data feed");
        writer.WriteString("url", SiteUrls.Absolute(baseUrl, FeedEndpoints.ClaimReviewFeed));
        writer.WriteStartArray("dataFeedElement");

        DateTimeOffset? newest = null;
        await foreach (var item in ReadAsync(cancellationToken))
        {
            // The date readers are shown for the verdict (ShownDate: its publication where known, else its
            // as-of date), as the Atom feed dates its entries (decisions/feed-ids.md). A correction is a new
            // verdict with a later date, so a re-rated claim's item moves forward and a consumer re-reads it.
            var shown = ShownDate.Of(item.Review.PublishedOn, item.AsOf).FirstInstantUtc;
            newest = newest is { } n && n >= shown ? n : shown;
            writer.WriteStartObject();
            writer.WriteString("@type", "DataFeedItem");
            writer.WriteString("dateCreated", Instant(shown));
            writer.WriteString("dateModified", Instant(shown));
            writer.WriteStartArray("item");
            claimReview.Write(writer, item.Review, baseUrl, withContext: false);
            writer.WriteEndArray();
            writer.WriteEndObject();
            await FlushIfFullAsync(writer, response, cancellationToken);
        }

        writer.WriteEndArray();

        // After the items, where the newest date is known without a query of its own; JSON objects are unordered.
        if (newest is { } modified)
        {
            writer.WriteString("dateModified", Instant(modified));
        }

        writer.WriteEndObject();
        await CompleteAsync(writer, response, cancellationToken);
    }

    /// <summary>
    /// One ClaimReviewMarkupPage per claim page, in the Fact Check Tools API's field names
    /// (https://developers.google.com/fact-check/tools/api/reference/rest/v1alpha1/pages): the tool's pages
    /// carry the page URL, its publication date and the review's author once, and each markup the claim,
    /// its author, date and appearances, the rating and the review's url.
    /// </summary>
    public async Task WriteMarkupPagesAsync(HttpResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var baseUrl = site.BaseUrlFor(response.HttpContext.Request);
        response.ContentType = MarkupContentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartArray();
        await foreach (var item in ReadAsync(cancellationToken))
        {
            WriteMarkupPage(writer, item.Review, baseUrl);
            await FlushIfFullAsync(writer, response, cancellationToken);
        }

        writer.WriteEndArray();
        await CompleteAsync(writer, response, cancellationToken);
    }

    private static void WriteMarkupPage(Utf8JsonWriter writer, ClaimReviewData review, string baseUrl)
    {
        var pageUrl = SiteUrls.Absolute(baseUrl, review.PagePath);
        writer.WriteStartObject();
        writer.WriteString("pageUrl", pageUrl);

        // ClaimReview.datePublished, to the same known precision; left out when unknown, as on the page.
        if (review.PublishedOn is { } publishedOn)
        {
            writer.WriteString("publishDate", publishedOn.ToIsoString());
        }

        writer.WriteStartObject("claimReviewAuthor");
        writer.WriteString("name", review.Author);
        writer.WriteEndObject();

        writer.WriteStartArray("claimReviewMarkups");
        writer.WriteStartObject();
        writer.WriteString("claimReviewed", review.ClaimReviewed);
        writer.WriteString("claimDate", review.SaidOn.ToIsoString());
        writer.WriteStartObject("claimAuthor");
        writer.WriteString("name", review.Claimant.Name);
        if (review.Claimant.Kind == ClaimantKind.Person && !string.IsNullOrWhiteSpace(review.Claimant.Role))
        {
            writer.WriteString("jobTitle", review.Claimant.Role);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("claimAppearances");
        foreach (var appearance in review.Appearances)
        {
            writer.WriteStringValue(appearance.Url(baseUrl));
        }

        writer.WriteEndArray();
        if (review.Appearances.Count > 0)
        {
            writer.WriteString("claimFirstAppearance", review.Appearances[0].Url(baseUrl));
        }

        // Unproven has no place on the truth scale: named only, as in the JSON-LD (ClaimReviewJsonLd.WriteRating).
        var rating = RatingScale.Get(review.Rating);
        writer.WriteStartObject("rating");
        writer.WriteString("textualRating", rating.Label);
        if (rating.Value is { } value)
        {
            writer.WriteNumber("ratingValue", value);
            writer.WriteNumber("worstRating", RatingScale.WorstValue);
            writer.WriteNumber("bestRating", RatingScale.BestValue);
        }

        writer.WriteEndObject();
        writer.WriteString("url", pageUrl);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>
    /// Every claim with a current verdict, in claim order, as the claim page would describe it. No query per
    /// claim: the appearances with their documents' metadata (never the text) are read up front in one query; the verdicts with their claims and claimants follow in batches of <see cref="BatchSize"/> claims.
    /// </summary>
    private async IAsyncEnumerable<FeedItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One query with each appearance's document metadata (never the text): two queries, sources then
        // appearances, could see an appearance added in between on a document the first had not read.
        var published = db.Verdicts.Where(v => v.Status == VerdictStatus.Published);
        var appearanceRows = await db.ClaimAppearances.AsNoTracking()
            .Where(a => published.Any(v => v.ClaimId == a.ClaimId))
            .Select(a => new
            {
                a.ClaimId,
                a.PassageId,
                a.Passage.SourceId,
                a.Passage.Source.Slug,
                a.Passage.Source.Title,
                a.Passage.Source.Publisher,
                a.Passage.Source.PublishedOn,
                a.Passage.Source.OriginalUrl,
            })
            .ToListAsync(cancellationToken);
        var appearances = appearanceRows.ToLookup(a => a.ClaimId, a =>
            new ClaimReviewAppearance(a.PassageId, a.OriginalUrl, SiteUrls.Source(a.SourceId, a.Slug), a.Title, a.Publisher, a.PublishedOn));

        // In batches of claims, each read to the end before its reviews are written: SQLite (no WAL here) holds
        // a read lock while a statement is open, and a statement left open while a slow client downloads
        // 100,000 reviews would keep every editor's save waiting. A batch is an index walk from the last
        // claim id, so the cost stays flat; the seed archive and any archive under BatchSize is one batch.
        var afterClaimId = 0;
        while (true)
        {
            var lastClaimId = afterClaimId;
            var batch = await CurrentVerdict.Of(db.Verdicts.AsNoTracking())
                .Where(v => v.ClaimId > lastClaimId)
                .OrderBy(v => v.ClaimId)
                .Take(BatchSize)
                .Select(v => new
                {
                    v.ClaimId,
                    v.Claim.Slug,
                    v.Claim.Summary,
                    v.Claim.Quote,
                    v.Claim.SaidOn,
                    ClaimantName = v.Claim.Claimant.Name,
                    ClaimantKind = v.Claim.Claimant.Kind,
                    ClaimantRole = v.Claim.Claimant.Role,
                    ClaimantAffiliation = v.Claim.Claimant.Affiliation,
                    ClaimantSlug = v.Claim.Claimant.Slug,
                    v.Rating,
                    v.Author,
                    v.AsOf,
                    v.PublishedOn,
                    v.ClaimReviewed,
                })
                .ToListAsync(cancellationToken);

            foreach (var v in batch)
            {
                var review = new ClaimReviewData(
                    SiteUrls.Claim(v.ClaimId, v.Slug),
                    ClaimReviewData.ClaimReviewedText(v.ClaimReviewed, v.Summary, v.Quote),
                    v.Author,
                    v.Rating,
                    v.PublishedOn,
                    new ClaimantView(v.ClaimantName, v.ClaimantKind, v.ClaimantRole, v.ClaimantAffiliation, v.ClaimantSlug),
                    v.SaidOn,
                    ClaimReviewData.Ordered(appearances[v.ClaimId]));
                yield return new FeedItem(review, v.AsOf);
            }

            if (batch.Count < BatchSize)
            {
                yield break;
            }

            afterClaimId = batch[^1].ClaimId;
        }
    }

    private static async ValueTask FlushIfFullAsync(Utf8JsonWriter writer, HttpResponse response, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushThreshold)
        {
            writer.Flush();
            await response.BodyWriter.FlushAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Hands the last bytes to the response. Utf8JsonWriter over a PipeWriter only commits them; the pipe must
    /// flush too, or behind the output cache (which swaps the body stream) they are dropped and the reader gets
    /// an empty 200.
    /// </summary>
    private static async ValueTask CompleteAsync(Utf8JsonWriter writer, HttpResponse response, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record FeedItem(ClaimReviewData Review, ReportedDate AsOf);
}
