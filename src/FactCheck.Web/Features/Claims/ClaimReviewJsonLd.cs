using System.Buffers;
using System.Text;
using System.Text.Json;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Claims;

/// <summary>
/// What a ClaimReview says about one claim's current verdict, whichever way it was loaded: the claim page
/// builds it from its model, the data feeds from one bulk projection. Both then write it through
/// <see cref="ClaimReviewJsonLd.Write"/>, so the page and the feeds cannot drift apart.
/// </summary>
/// <param name="PagePath">The claim page's canonical path (/claims/{id}/{slug}): the ClaimReview's url.</param>
/// <param name="Appearances">Ordered as they are written: oldest document first, then by passage.</param>
public sealed record ClaimReviewData(
    string PagePath,
    string ClaimReviewed,
    string Author,
    Rating Rating,
    ReportedDate? PublishedOn,
    ClaimantView Claimant,
    ReportedDate SaidOn,
    IReadOnlyList<ClaimReviewAppearance> Appearances)
{
    /// <summary>
    /// The desk's short form when it wrote one, else the claim's summary, else its quote: aggregators show
    /// claimReviewed as the claim's headline, and an archived verdict has no short form of its own.
    /// </summary>
    public static string ClaimReviewedText(string? verdictClaimReviewed, string summary, string quote) =>
        verdictClaimReviewed ?? (string.IsNullOrWhiteSpace(summary) ? quote : summary);

    /// <summary>The appearances in the order every output lists them (the first is the claim's first appearance).</summary>
    public static IReadOnlyList<ClaimReviewAppearance> Ordered(IEnumerable<ClaimReviewAppearance> appearances) =>
        appearances.OrderBy(a => a.PublishedOn.Date).ThenBy(a => a.PassageId).ToList();
}

/// <param name="OriginalUrl">The publisher's address when the archive knows it; else the archived copy's page stands in.</param>
/// <param name="SourcePath">The archived document's page on this site.</param>
public sealed record ClaimReviewAppearance(int PassageId, string? OriginalUrl, string SourcePath, string Title, string Publisher, ReportedDate PublishedOn)
{
    /// <summary>
    /// Where the claim appeared: the publisher's own page when its URL is a web address (what a reader of the
    /// review would follow), else our archived copy, which always exists and is always absolute.
    /// </summary>
    public string Url(string baseUrl) => MarkdownRenderer.IsWebUrl(OriginalUrl) ? OriginalUrl! : SiteUrls.Absolute(baseUrl, SourcePath);
}

/// <summary>
/// schema.org ClaimReview for a claim page and for the ClaimReview data feed, so search engines and
/// fact-check aggregators can read the verdict. Written with Utf8JsonWriter's default encoder, which escapes
/// &lt; &gt; and &amp;, so the output cannot close the &lt;script&gt; element it is placed in; the feed writes
/// the same objects straight to the response stream.
/// </summary>
public sealed class ClaimReviewJsonLd(SiteSettings site)
{
    /// <summary>The JSON-LD text, or null when the claim has no published verdict (nothing has been reviewed).</summary>
    /// <param name="baseUrl">Public origin such as "https://factcheck.example", from <see cref="SiteSettings.BaseUrlFor"/>.</param>
    public string? Build(ClaimPageModel claim, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (From(claim) is not { } review)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, review, baseUrl, withContext: true);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The claim page's review data, or null without a current verdict.</summary>
    public static ClaimReviewData? From(ClaimPageModel claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.CurrentVerdict is not { } verdict)
        {
            return null;
        }

        return new ClaimReviewData(
            claim.Url,
            ClaimReviewData.ClaimReviewedText(verdict.ClaimReviewed, claim.Summary, claim.Quote),
            verdict.Author,
            verdict.Rating,
            verdict.PublishedOn,
            claim.Claimant,
            claim.SaidOn,
            ClaimReviewData.Ordered(claim.Appearances.Select(a =>
                new ClaimReviewAppearance(a.PassageId, a.OriginalUrl, a.SourceUrl, a.SourceTitle, a.SourcePublisher, a.PublishedOn))));
    }

    /// <summary>
    /// Writes one ClaimReview object. <paramref name="withContext"/> adds the @context, which a standalone
    /// script needs and an item inside the feed inherits from the feed's own.
    /// </summary>
    public void Write(Utf8JsonWriter writer, ClaimReviewData review, string baseUrl, bool withContext)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(review);
        writer.WriteStartObject();
        if (withContext)
        {
            writer.WriteString("@context", "https://schema.org");
        }

        writer.WriteString("@type", "ClaimReview");

        // The page's own canonical address, exactly as its <link rel="canonical">: the one URL a crawler
        // ties this review to, so the page and the feed name the same review.
        writer.WriteString("url", SiteUrls.Absolute(baseUrl, review.PagePath));
        writer.WriteString("claimReviewed", review.ClaimReviewed);

        // ClaimReview's author is the organisation that reviewed the claim, which aggregators credit: Polygraph.info
        // for its archived fact-check, this newsroom for a verdict its desk published. Only our own has a known URL.
        writer.WriteStartObject("author");
        writer.WriteString("@type", "Organization");
        writer.WriteString("name", review.Author);
        if (IsOwnOrganisation(review.Author))
        {
            writer.WriteString("url", baseUrl.TrimEnd('/') + "/");
        }

        writer.WriteEndObject();

        WriteRating(writer, review.Rating);
        WriteItemReviewed(writer, review, baseUrl);

        // The review's own publication date, to the precision known: Polygraph.info published its Balki
        // fact-check in December 2021, and a full date would invent a day ("2021-12" is ISO 8601). When the
        // archive does not know it, the property is left out rather than filled with the as-of date: that is
        // the date the rating speaks for, not when anyone published it, and Google lists datePublished as
        // recommended, not required.
        if (review.PublishedOn is { } publishedOn)
        {
            writer.WriteString("datePublished", publishedOn.ToIsoString());
        }

        writer.WriteEndObject();
    }

    public bool IsOwnOrganisation(string author) => string.Equals(author, site.Name, StringComparison.Ordinal);

    /// <summary>
    /// The rating on the public scale. A rating off the truth scale (Unproven) has no position on it, so it is
    /// given by name only: a ratingValue of -1 outside worstRating..bestRating contradicts the Rating's own
    /// bounds, and Google requires only alternateName (the textual rating).
    /// </summary>
    private static void WriteRating(Utf8JsonWriter writer, Rating rating)
    {
        var info = RatingScale.Get(rating);
        writer.WriteStartObject("reviewRating");
        writer.WriteString("@type", "Rating");
        if (info.Value is { } value)
        {
            writer.WriteNumber("ratingValue", value);
            writer.WriteNumber("bestRating", RatingScale.BestValue);
            writer.WriteNumber("worstRating", RatingScale.WorstValue);
        }

        writer.WriteString("alternateName", info.Label);
        writer.WriteEndObject();
    }

    private static void WriteItemReviewed(Utf8JsonWriter writer, ClaimReviewData review, string baseUrl)
    {
        writer.WriteStartObject("itemReviewed");
        writer.WriteString("@type", "Claim");
        writer.WritePropertyName("author");
        WriteClaimAuthor(writer, review.Claimant);
        writer.WriteString("datePublished", review.SaidOn.ToIsoString());
        if (review.Appearances.Count > 0)
        {
            writer.WriteStartArray("appearance");
            foreach (var appearance in review.Appearances)
            {
                WriteAppearance(writer, appearance, baseUrl);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("firstAppearance");
            WriteAppearance(writer, review.Appearances[0], baseUrl);
        }

        writer.WriteEndObject();
    }

    private static void WriteClaimAuthor(Utf8JsonWriter writer, ClaimantView claimant)
    {
        writer.WriteStartObject();
        writer.WriteString("@type", claimant.Kind == ClaimantKind.Organization ? "Organization" : "Person");
        writer.WriteString("name", claimant.Name);
        if (claimant.Kind == ClaimantKind.Person)
        {
            if (!string.IsNullOrWhiteSpace(claimant.Role))
            {
                writer.WriteString("jobTitle", claimant.Role);
            }

            if (!string.IsNullOrWhiteSpace(claimant.Affiliation))
            {
                writer.WriteStartObject("affiliation");
                writer.WriteString("@type", "Organization");
                writer.WriteString("name", claimant.Affiliation);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteAppearance(Utf8JsonWriter writer, ClaimReviewAppearance appearance, string baseUrl)
    {
        writer.WriteStartObject();
        writer.WriteString("@type", "CreativeWork");
        writer.WriteString("url", appearance.Url(baseUrl));
        writer.WriteString("headline", appearance.Title);
        writer.WriteString("datePublished", appearance.PublishedOn.ToIsoString());
        writer.WriteStartObject("publisher");
        writer.WriteString("@type", "Organization");
        writer.WriteString("name", appearance.Publisher);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
