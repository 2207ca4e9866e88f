using FactCheck.Data;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// The Last-Modified of every API answer: when the archive last changed, as the newest revision's time. Every
/// save of a claim, verdict, evidence item or source writes a revision (decisions/save-pipeline.md), so no
/// answer can have changed after it; a save elsewhere moves it too, which only costs a client a full answer
/// where a 304 would have done. One lookup on the revisions' primary key, newest first.
/// </summary>
public static class ApiLastModified
{
    public static Task<DateTime?> OfArchiveAsync(FactCheckDbContext db, CancellationToken cancellationToken) =>
        db.Revisions.AsNoTracking().OrderByDescending(r => r.Id).Select(r => (DateTime?)r.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
}
