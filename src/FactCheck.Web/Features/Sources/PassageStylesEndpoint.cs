using FactCheck.Data;
using FactCheck.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Sources;

/// <summary>
/// The source page's per-passage highlight rules (<see cref="PassageHighlighter.TargetStyles"/>) as a stylesheet
/// of its own. Inline in the page they would be refused: the Content-Security-Policy allows styles from the site
/// only, and an inline style cannot be allowed by hash when the page comes from the output cache.
/// </summary>
public static class PassageStylesEndpoint
{
    public const string ContentType = "text/css; charset=utf-8";

    public static string PathFor(int sourceId) => $"/sources/{sourceId}/passages.css";

    public static IEndpointRouteBuilder MapPassageStyles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sources/{id:int}/passages.css", async (int id, HttpContext context, FactCheckDbContext db, CancellationToken cancellationToken) =>
        {
            var ids = await db.Passages.AsNoTracking().Where(p => p.SourceId == id && p.LostAtUtc == null).Select(p => p.Id).ToListAsync(cancellationToken);

            // Passages change only when their document does; a minute, as for the page that links here.
            context.Response.Headers.CacheControl = CacheControlPolicy.ReaderPage;
            return Results.Text(PassageHighlighter.TargetStyles(ids), ContentType);
        }).WithName("PassageStyles");
        return endpoints;
    }
}
