using FactCheck.Data.Entities;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

public static class ClaimListItems
{
    /// <summary>Quotes in a list stop here, at a word boundary.</summary>
    public const int QuoteExcerptLength = 220;

    /// <summary>
    /// The one projection of claims to list rows, so /claims and a claimant's page select and show the same
    /// fields: only the columns a row needs, then the URLs and the quote's excerpt in memory.
    /// </summary>
    public static async Task<List<ClaimListItem>> ToListItemsAsync(this IQueryable<Claim> claims, CancellationToken cancellationToken)
    {
        var rows = await claims
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Summary,
                c.Quote,
                c.IsVerbatim,
                ClaimantName = c.Claimant.Name,
                ClaimantSlug = c.Claimant.Slug,
                c.SaidOn,
                c.CurrentRating,
            })
            .ToListAsync(cancellationToken);

        return rows.Select(c => new ClaimListItem(
            c.Id,
            c.Summary,
            SiteUrls.Claim(c.Id, c.Slug),
            TextBlocks.Excerpt(c.Quote, QuoteExcerptLength),
            c.IsVerbatim,
            c.ClaimantName,
            SiteUrls.Claimant(c.ClaimantSlug),
            c.SaidOn,
            c.CurrentRating)).ToList();
    }
}
