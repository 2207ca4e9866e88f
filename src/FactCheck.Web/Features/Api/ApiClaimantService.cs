using FactCheck.Data;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>/api/claimants: the list by name in one query; one claimant with its rating counts in two.</summary>
public sealed class ApiClaimantService(FactCheckDbContext db)
{
    public async Task<IReadOnlyList<ApiClaimantRef>> ListAsync(ApiPaging paging, ApiLinks links, CancellationToken cancellationToken)
    {
        if (paging.Offset is not { } offset)
        {
            return [];
        }

        var rows = await db.Claimants.AsNoTracking()
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .Skip(offset)
            .Take(paging.PageSize + 1)
            .Select(c => new { c.Slug, c.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(c => links.Claimant(c.Slug, c.Name)).ToList();
    }

    public async Task<ApiClaimant?> GetAsync(string slug, ApiLinks links, CancellationToken cancellationToken)
    {
        var claimant = await db.Claimants.AsNoTracking()
            .Where(c => c.Slug == slug)
            .Select(c => new { c.Id, c.Slug, c.Name, c.Kind, c.Role, c.Affiliation })
            .FirstOrDefaultAsync(cancellationToken);
        if (claimant is null)
        {
            return null;
        }

        var counts = await ApiRows.Visible(db.Claims.AsNoTracking())
            .Where(c => c.ClaimantId == claimant.Id)
            .GroupBy(c => c.CurrentRating)
            .Select(g => new { Rating = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rated = counts.Where(c => c.Rating is not null).OrderBy(c => c.Rating).Select(c => new ApiRatingCount(ApiLinks.Rating(c.Rating!.Value), c.Count)).ToList();
        var self = links.Claimant(claimant.Slug, claimant.Name);
        return new ApiClaimant(
            claimant.Slug,
            claimant.Name,
            ApiLinks.Kebab(claimant.Kind.ToString()),
            claimant.Role,
            claimant.Affiliation,
            counts.Sum(c => c.Count),
            rated,
            self.Url,
            self.ApiUrl,
            links.Absolute(ApiLinks.Prefix + "/claims?claimant=" + Uri.EscapeDataString(claimant.Slug)));
    }
}
