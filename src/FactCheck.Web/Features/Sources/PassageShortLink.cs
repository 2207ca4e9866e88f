using FactCheck.Data;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Sources;

/// <summary>
/// <c>/p/{pid}</c>: a short link to a cited passage for places where a long URL is a nuisance (print, slides,
/// a tweet), answering 301 with the passage's canonical address. It is never itself canonical: pages link the
/// long form, so the slug keeps telling readers what they are about to open.
/// </summary>
public static class PassageShortLink
{
    public static string PathFor(int passageId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/p/{passageId}");

    public static IEndpointRouteBuilder MapPassageShortLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/p/{pid:int}", async (int pid, FactCheckDbContext db, CancellationToken cancellationToken) =>
        {
            var passage = await db.Passages.AsNoTracking().Where(p => p.Id == pid)
                .Select(p => new { p.SourceId, p.Source.Slug })
                .FirstOrDefaultAsync(cancellationToken);

            // No body: the status-code pages answer a bare 404 with the site's own not-found page.
            return passage is null
                ? Results.NotFound()
                : Results.Redirect(SiteUrls.Passage(passage.SourceId, passage.Slug, pid), permanent: true);
        }).WithName("PassageShortLink");
        return endpoints;
    }
}
