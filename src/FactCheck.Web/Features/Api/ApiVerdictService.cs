using FactCheck.Data;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>/api/verdicts: published verdicts only, newest first by the date readers are shown (ShownDate), one query a page.</summary>
public sealed class ApiVerdictService(FactCheckDbContext db)
{
    public async Task<IReadOnlyList<ApiVerdict>> ListAsync(ApiPaging paging, ApiLinks links, CancellationToken cancellationToken)
    {
        if (paging.Offset is not { } offset)
        {
            return [];
        }

        var rows = await ShownDate.NewestFirst(ApiRows.PublishedVerdicts(db.Verdicts.AsNoTracking()))
            .Skip(offset)
            .Take(paging.PageSize + 1)
            .Select(ApiRows.Verdict)
            .ToListAsync(cancellationToken);
        return rows.Select(v => v.ToApi(links)).ToList();
    }

    public async Task<ApiVerdict?> GetAsync(int id, ApiLinks links, CancellationToken cancellationToken)
    {
        var row = await ApiRows.PublishedVerdicts(db.Verdicts.AsNoTracking()).Where(v => v.Id == id).Select(ApiRows.Verdict).FirstOrDefaultAsync(cancellationToken);
        return row?.ToApi(links);
    }
}
