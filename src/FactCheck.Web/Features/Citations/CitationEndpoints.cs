using FactCheck.Data;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Citations;

/// <summary>
/// The citation downloads (BibTeX, RIS, CSL-JSON) and the oEmbed endpoint: files and JSON, not pages, so minimal
/// APIs. Literal "cite.bib" segments outrank the claim and source pages' {slug} parameter in routing, so the pages
/// keep every other address. Nothing here needs a registered service: the queries are built on the request's
/// DbContext, which keeps the feature to a single line in the host's set-up.
/// </summary>
public static class CitationEndpoints
{
    public static IEndpointRouteBuilder MapCitationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var format in CitationFiles.All)
        {
            endpoints.MapGet($"/claims/{{id:int}}/cite.{format.Extension}", async (int id, HttpContext context, FactCheckDbContext db, SiteSettings site, TimeProvider clock, CancellationToken cancellationToken) =>
                await new CitationQueries(db).ClaimAsync(id, cancellationToken) is { } claim
                    ? File(format, CitedWorks.Claim(claim, site, site.BaseUrlFor(context.Request)), clock)
                    : Results.NotFound());

            endpoints.MapGet($"/sources/{{id:int}}/cite.{format.Extension}", async (int id, HttpContext context, FactCheckDbContext db, SiteSettings site, TimeProvider clock, CancellationToken cancellationToken) =>
                await new CitationQueries(db).DocumentAsync(id, null, cancellationToken) is { } document
                    ? File(format, CitedWorks.Document(document, site, site.BaseUrlFor(context.Request)), clock)
                    : Results.NotFound());

            endpoints.MapGet($"/sources/{{id:int}}/passages/{{passageId:int}}/cite.{format.Extension}", async (int id, int passageId, HttpContext context, FactCheckDbContext db, SiteSettings site, TimeProvider clock, CancellationToken cancellationToken) =>
                await new CitationQueries(db).DocumentAsync(id, passageId, cancellationToken) is { } document
                    ? File(format, CitedWorks.Document(document, site, site.BaseUrlFor(context.Request), passageId), clock)
                    : Results.NotFound());
        }

        endpoints.MapGet(OEmbed.Path, async (HttpContext context, FactCheckDbContext db, SiteSettings site, CancellationToken cancellationToken) =>
            await OEmbed.AnswerAsync(context.Request, new CitationQueries(db), site, cancellationToken))
            .WithName("OEmbed");
        return endpoints;
    }

    /// <summary>Today in UTC: the accessed date every style names. Output-cached downloads may carry it ten minutes into the next day.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    // Results.File sends Content-Disposition: attachment with the file name (and its RFC 5987 form).
    private static IResult File(CitationFileFormat format, CitedWork work, TimeProvider clock) =>
        Results.File(format.Bytes(work, Today(clock)), format.ContentType, format.FileName(work));
}
