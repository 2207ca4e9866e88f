using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Text;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Feeds;

/// <summary>
/// The Atom 1.0 feed of published verdicts, newest first by the date a reader is shown (<see cref="ShownDate"/>).
/// Every verdict is its own entry, so a claim re-rated as evidence arrives shows up again with its new rating
/// while the earlier entry keeps its id.
/// A verdict that corrects an earlier one carries its correction note and the category "correction"; the
/// corrections feed is the same entries filtered to those.
/// </summary>
public sealed class FeedService(FactCheckDbContext db, MarkdownRenderer markdown, SiteSettings site)
{
    public const int MaxEntries = 50;
    public const string ContentType = "application/atom+xml; charset=utf-8";

    // The tag: URI date names when these ids were minted; it must never change, or every reader sees every entry anew.
    private const string TagDate = "2026";

    public const string CorrectionCategory = "correction";

    public Task<byte[]> BuildVerdictsFeedAsync(HttpRequest request, CancellationToken cancellationToken = default) =>
        BuildAsync(request, correctionsOnly: false, cancellationToken);

    public Task<byte[]> BuildCorrectionsFeedAsync(HttpRequest request, CancellationToken cancellationToken = default) =>
        BuildAsync(request, correctionsOnly: true, cancellationToken);

    private async Task<byte[]> BuildAsync(HttpRequest request, bool correctionsOnly, CancellationToken cancellationToken)
    {
        // Links follow the address the feed was fetched at; ids never do (decisions/feed-ids.md).
        var baseUrl = site.BaseUrlFor(request);
        var idPrefix = $"tag:{site.FeedIdAuthority},{TagDate}:";

        var published = db.Verdicts.AsNoTracking().Where(v => v.Status == VerdictStatus.Published);
        if (correctionsOnly)
        {
            published = published.Where(v => v.CorrectionNote != null);
        }

        var verdicts = await published
            .NewestPublishedFirst()
            .Take(MaxEntries)
            .Select(v => new
            {
                v.Id,
                v.ClaimId,
                ClaimSlug = v.Claim.Slug,
                ClaimSummary = v.Claim.Summary,
                ClaimantName = v.Claim.Claimant.Name,
                v.Rating,
                v.Headline,
                v.RationaleMarkdown,
                v.Author,
                v.AsOf,
                v.PublishedOn,
                v.CorrectionNote,
            })
            .ToListAsync(cancellationToken);

        var items = verdicts.Select(v =>
        {
            // The date readers are shown and the feed is ordered by: the publication date where known, else
            // the as-of date, as its period's first instant in UTC (ShownDate.FirstInstantUtc). Never
            // PublishedAtUtc, which for the archive is the import's moment. A published verdict is not edited
            // (a correction is a new verdict with an entry of its own), so "updated" is the same instant.
            var shown = ShownDate.Of(v.PublishedOn, v.AsOf);
            var published = shown.FirstInstantUtc;
            var label = RatingScale.Get(v.Rating).Label;
            var correctedOn = shown.Date.ToDisplayString();
            var correctionText = v.CorrectionNote is { } note ? $" Correction ({correctedOn}): {note}" : "";
            var correctionHtml = v.CorrectionNote is { } html ? $"<p><strong>Correction</strong> ({Encode(correctedOn)}): {Encode(html)}</p>\n" : "";
            var item = new SyndicationItem
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}verdict-{v.Id}"),
                Title = new TextSyndicationContent(XmlSafe($"{label}: {v.ClaimSummary}")),
                Summary = new TextSyndicationContent(XmlSafe($"{v.Headline} ({label} as of {v.AsOf.ToDisplayString()}; claim by {v.ClaimantName}){correctionText}")),
                Content = SyndicationContent.CreateHtmlContent(XmlSafe(
                    $"{correctionHtml}<p><strong>{Encode(label)}</strong> as of {Encode(v.AsOf.ToDisplayString())}: {Encode(v.Headline)}</p>\n{markdown.ToHtml(v.RationaleMarkdown)}")),
                PublishDate = published,
                LastUpdatedTime = published,
            };
            if (v.CorrectionNote is not null)
            {
                item.Categories.Add(new SyndicationCategory(CorrectionCategory, null, "Correction"));
            }

            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(SiteUrls.Absolute(baseUrl, SiteUrls.Claim(v.ClaimId, v.ClaimSlug))), "text/html"));
            item.Authors.Add(new SyndicationPerson { Name = XmlSafe(v.Author) });
            return item;
        }).ToList();

        var feedUrl = SiteUrls.Absolute(baseUrl, correctionsOnly ? SiteUrls.CorrectionsFeed : SiteUrls.VerdictsFeed);
        var updated = items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var feed = correctionsOnly
            ? new SyndicationFeed(
                $"{site.Name}: corrections",
                "Every published verdict that replaces an earlier one, with the reason.",
                new Uri(SiteUrls.Absolute(baseUrl, SiteUrls.Corrections)),
                idPrefix + "feeds/corrections",
                updated,
                items)
            : new SyndicationFeed(
                $"{site.Name}: new and revised verdicts",
                "Every verdict as it is published, including re-ratings of earlier claims.",
                new Uri(baseUrl + "/"),
                idPrefix + "feeds/verdicts",
                updated,
                items);
        feed.Links.Add(new SyndicationLink(new Uri(feedUrl), "self", null, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = site.Name, Uri = baseUrl + "/" });
        feed.Language = "en";

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    /// <summary>
    /// Drops characters XML cannot carry (most control characters, lone surrogates). XmlWriter throws on
    /// them, and one stray form feed in any verdict would otherwise take the whole feed down.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i, 2);
                i++;
            }
        }

        return builder.Length == text.Length ? text : builder.ToString();
    }
}
