using System.Globalization;
using System.Text;
using FactCheck.Data;
using FactCheck.Web.Features.Api;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Feeds;

/// <summary>
/// ETag and Last-Modified for the ClaimReview feeds, which stream up to 100,000 reviews and so cannot hash their
/// body before sending it. Their validator is a version stamp instead: the newest revision (every save of a claim,
/// verdict, evidence item or source writes one) and the base URL the feed's links are written under, as a weak
/// ETag, since the stamp vouches for the same content rather than the same bytes. The feeds stay in the output
/// cache, which keeps the ETag with the entry and answers a matching If-None-Match from it (decisions/public-api.md).
/// </summary>
public static class FeedValidators
{
    /// <summary>Sets the validators, and answers 304 (returning true) when the client's copy is current.</summary>
    public static async Task<bool> AnswerNotModifiedAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var db = context.RequestServices.GetRequiredService<FactCheckDbContext>();
        var newest = await db.Revisions.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.CreatedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        var baseUrl = context.RequestServices.GetRequiredService<SiteSettings>().BaseUrlFor(context.Request);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{newest?.Id ?? 0}\n{baseUrl}");
        var etag = "W/" + ConditionalGet.StrongETag(Encoding.UTF8.GetBytes(stamp));
        if (ConditionalGet.NotModified(context, etag, newest?.CreatedAtUtc) is null)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }
}
