using FactCheck.Data;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>/api/evidence/{id}: one evidence item of a visible claim, with its passage and document, in one query.</summary>
public sealed class ApiEvidenceService(FactCheckDbContext db)
{
    public async Task<ApiEvidence?> GetAsync(int id, ApiLinks links, CancellationToken cancellationToken)
    {
        var row = await db.Evidence.AsNoTracking()
            .Where(e => e.Id == id && e.Claim.RetractedAtUtc == null && e.Claim.MergedIntoId == null)
            .Select(ApiRows.Evidence)
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToApi(links);
    }
}
