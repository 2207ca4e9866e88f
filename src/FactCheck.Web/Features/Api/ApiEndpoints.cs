using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using FactCheck.Data;
using FactCheck.Data.Search;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Features.Search;
using Microsoft.OpenApi;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// The read-only public JSON API under /api (v1), described by the OpenAPI document at /openapi/v1.json and
/// browsable at /api/docs. Every answer is GET, JSON in camelCase, with an ETag and a Last-Modified; lists are
/// paged. See docs/decisions/public-api.md.
/// </summary>
public static class ApiEndpoints
{
    public const string CorsPolicy = "PublicApi";
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/api/docs";

    private const string PageDescription = "Page number, from 1. A page past the end has no items.";
    private const string PageSizeDescription = "Records per page, 1 to 100; 20 when left out.";

    public static WebApplicationBuilder AddFactCheckApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ApiClaimService>();
        services.AddScoped<ApiClaimantService>();
        services.AddScoped<ApiSourceService>();
        services.AddScoped<ApiEvidenceService>();
        services.AddScoped<ApiVerdictService>();
        services.AddScoped<ApiSearchService>();
        services.AddScoped<ApiDocsService>();

        // Public, read-only data for other newsrooms' tools: any origin may read it from a browser, with the
        // validators a client needs to revalidate and the Link header it needs to page.
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("If-None-Match", "If-Modified-Since")
            .WithExposedHeaders("ETag", "Link")));

        // The API writes numbers as numbers; without this the web defaults' "numbers may be read from strings" makes the
        // document describe every integer as "integer or string". Nothing in the site reads JSON bodies through these options.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);

        services.AddOpenApi(DocumentName, options =>
        {
            // The site's other minimal endpoints (feeds, sitemaps, sign-in) are not part of the API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FactCheck public API",
                    Version = "1",
                    Description = "Read-only JSON for claims, claimants, sources, evidence, published verdicts and search. "
                        + "Every record carries its page on the site (url) and its API address (apiUrl). Lists are paged with page and pageSize "
                        + "(next and previous links in the body and an RFC 8288 Link header). Every answer has an ETag and a Last-Modified; "
                        + "send If-None-Match or If-Modified-Since for a 304. Errors are RFC 9457 problem details. This is v1: fields are only ever added.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                // The paging parameters bind as text so that a bad value gets a 400 naming it; the document says what they hold.
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.Name is ApiPaging.PageKey or ApiPaging.PageSizeKey)
                    {
                        parameter.Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Integer,
                            Format = "int32",
                            Minimum = "1",
                            Maximum = parameter.Name == ApiPaging.PageSizeKey ? ApiPaging.MaxPageSize.ToString(CultureInfo.InvariantCulture) : null,
                        };
                    }

                    // Bound as optional so that a missing query gets the search page's own message, but it is required.
                    if (parameter.Name == "q")
                    {
                        parameter.Required = true;
                    }
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().RequireCors(CorsPolicy);

        var api = endpoints.MapGroup(ApiLinks.Prefix).RequireCors(CorsPolicy);

        var claims = api.MapGroup("/claims").WithTags("Claims");
        claims.MapGet("", ListClaimsAsync)
            .WithName("ListClaims")
            .WithSummary("List claims")
            .WithDescription("Published claims, newest statement first (or by rating), filtered like the /claims page. Retracted and merged claims are left out.")
            .Produces<ApiPage<ApiClaimSummary>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        claims.MapGet("/{id:int}", GetClaimAsync)
            .WithName("GetClaim")
            .WithSummary("Get a claim")
            .WithDescription("A claim with its claimant, current and earlier published verdicts, evidence with passages and documents, topics and appearances. "
                + "A claim merged into another answers 301 to the survivor; a retracted claim answers 410 with the date and reason.")
            .Produces<ApiClaim>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        var claimants = api.MapGroup("/claimants").WithTags("Claimants");
        claimants.MapGet("", ListClaimantsAsync)
            .WithName("ListClaimants")
            .WithSummary("List claimants")
            .WithDescription("People and organisations whose statements are checked, by name.")
            .Produces<ApiPage<ApiClaimantRef>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        claimants.MapGet("/{slug}", GetClaimantAsync)
            .WithName("GetClaimant")
            .WithSummary("Get a claimant")
            .WithDescription("A claimant with how many of their claims carry each current rating.")
            .Produces<ApiClaimant>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var sources = api.MapGroup("/sources").WithTags("Sources");
        sources.MapGet("", ListSourcesAsync)
            .WithName("ListSources")
            .WithSummary("List documents")
            .WithDescription("Archived documents, newest first, with their metadata; the text is at each one's textUrl.")
            .Produces<ApiPage<ApiSourceSummary>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        sources.MapGet("/{id:int}", GetSourceAsync)
            .WithName("GetSource")
            .WithSummary("Get a document")
            .WithDescription("A document's metadata and every passage cited or quoted from it, with offsets and TextQuoteSelector context.")
            .Produces<ApiSource>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sources.MapGet("/{id:int}/text", GetSourceTextAsync)
            .WithName("GetSourceText")
            .WithSummary("Get a document's text")
            .WithDescription("The full text exactly as archived, as UTF-8 text/plain; passage offsets count UTF-16 code units of it. Its ETag is its SHA-256.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/evidence/{id:int}", GetEvidenceAsync)
            .WithTags("Evidence")
            .WithName("GetEvidence")
            .WithSummary("Get an evidence item")
            .WithDescription("A cited passage that bears on a claim: its stance, who found it and when, the passage and its document.")
            .Produces<ApiEvidence>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var verdicts = api.MapGroup("/verdicts").WithTags("Verdicts");
        verdicts.MapGet("", ListVerdictsAsync)
            .WithName("ListVerdicts")
            .WithSummary("List published verdicts")
            .WithDescription("Published verdicts, newest first by the date readers are shown (publication date where known, else the as-of date). Drafts never appear.")
            .Produces<ApiPage<ApiVerdict>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        verdicts.MapGet("/{id:int}", GetVerdictAsync)
            .WithName("GetVerdict")
            .WithSummary("Get a published verdict")
            .WithDescription("One published verdict with its claim. A draft or a verdict in review answers 404.")
            .Produces<ApiVerdict>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/search", SearchAsync)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Search")
            .WithDescription("Full-text search, best match first, in the query language of the /search page: words, \"exact phrases\", -excluded words.")
            .Produces<ApiPage<ApiSearchResult>>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> ListClaimsAsync(
        HttpContext context,
        ApiClaimService service,
        FactCheckDbContext db,
        [Description("Current rating: true, mostly-true, half-true, misleading, mostly-false, false or unproven.")] string? rating = null,
        [Description("Claimant slug, as in /api/claimants.")] string? claimant = null,
        [Description("Topic slug.")] string? topic = null,
        [Description("Said on or after: a year (2021), a month (2021-12) or a day (2021-12-05).")] string? from = null,
        [Description("Said on or before: a year, a month or a day.")] string? to = null,
        [Description("Document id: claims it is cited or quoted for.")] string? source = null,
        [Description("date (newest first, the default) or rating (true to false, unrated last).")] string? sort = null,
        [Description(PageDescription)] string? page = null,
        [Description(PageSizeDescription)] string? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        var (paging, problem) = ApiPaging.Parse(page, pageSize);
        if (paging is null)
        {
            return problem!;
        }

        var query = new Dictionary<string, string?>
        {
            ["rating"] = rating?.Trim(),
            ["claimant"] = claimant?.Trim(),
            ["topic"] = topic?.Trim(),
            ["from"] = from?.Trim(),
            ["to"] = to?.Trim(),
            ["source"] = source?.Trim(),
            ["sort"] = sort?.Trim(),
        };
        var filter = ClaimFilter.Parse(new QueryCollection(query.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => new Microsoft.Extensions.Primitives.StringValues(kv.Value))));
        if (filter.Errors.Count > 0)
        {
            return ApiProblems.InvalidParameters(filter.Errors);
        }

        // A slug that cannot be one is dropped by the filter rather than reported; the API says so instead of listing everything.
        foreach (var key in new[] { "claimant", "topic" })
        {
            if (!string.IsNullOrEmpty(query[key]) && (key == "claimant" ? filter.Claimant : filter.Topic) is null)
            {
                return ApiProblems.InvalidParameter(key, $"{key} must be a slug: lower-case letters, digits and hyphens.");
            }
        }

        var links = ApiLinks.For(context.Request);
        var rows = await service.ListAsync(filter, paging, links, cancellationToken);
        var body = paging.ToPage(context, links, rows, query);
        return ConditionalGet.Json(context, body, await ApiLastModified.OfArchiveAsync(db, cancellationToken));
    }

    private static async Task<IResult> GetClaimAsync(
        HttpContext context,
        ApiClaimService service,
        FactCheckDbContext db,
        [Description("The claim's id.")] int id,
        CancellationToken cancellationToken = default)
    {
        var links = ApiLinks.For(context.Request);
        var lookup = await service.GetAsync(id, links, cancellationToken);
        if (lookup is null)
        {
            return ApiProblems.NotFound("claim with that id");
        }

        if (lookup.MergedIntoId is { } survivor)
        {
            return Results.Redirect(links.Absolute(ApiLinks.ClaimPath(survivor)), permanent: true);
        }

        if (lookup.Claim is not { } claim)
        {
            var retracted = DateTime.SpecifyKind(lookup.RetractedAtUtc ?? default, DateTimeKind.Utc);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "Claim retracted",
                detail: string.Create(CultureInfo.InvariantCulture, $"This claim was retracted on {retracted:d MMMM yyyy}.")
                    + (string.IsNullOrWhiteSpace(lookup.RetractionReason) ? "" : " " + lookup.RetractionReason),
                extensions: new Dictionary<string, object?> { ["retractedAtUtc"] = retracted, ["reason"] = lookup.RetractionReason });
        }

        return ConditionalGet.Json(context, claim, await ApiLastModified.OfArchiveAsync(db, cancellationToken));
    }

    private static async Task<IResult> ListClaimantsAsync(
        HttpContext context,
        ApiClaimantService service,
        FactCheckDbContext db,
        [Description(PageDescription)] string? page = null,
        [Description(PageSizeDescription)] string? pageSize = null,
        CancellationToken cancellationToken = default) =>
        await PageOfAsync(context, db, page, pageSize, service.ListAsync, cancellationToken);

    private static async Task<IResult> GetClaimantAsync(
        HttpContext context,
        ApiClaimantService service,
        FactCheckDbContext db,
        [Description("The claimant's slug.")] string slug,
        CancellationToken cancellationToken = default) =>
        await OneAsync(context, db, await service.GetAsync(slug, ApiLinks.For(context.Request), cancellationToken), "claimant with that slug", cancellationToken);

    private static async Task<IResult> ListSourcesAsync(
        HttpContext context,
        ApiSourceService service,
        FactCheckDbContext db,
        [Description(PageDescription)] string? page = null,
        [Description(PageSizeDescription)] string? pageSize = null,
        CancellationToken cancellationToken = default) =>
        await PageOfAsync(context, db, page, pageSize, service.ListAsync, cancellationToken);

    private static async Task<IResult> GetSourceAsync(
        HttpContext context,
        ApiSourceService service,
        FactCheckDbContext db,
        [Description("The document's id.")] int id,
        CancellationToken cancellationToken = default) =>
        await OneAsync(context, db, await service.GetAsync(id, ApiLinks.For(context.Request), cancellationToken), "document with that id", cancellationToken);

    private static async Task<IResult> GetSourceTextAsync(
        HttpContext context,
        ApiSourceService service,
        FactCheckDbContext db,
        [Description("The document's id.")] int id,
        CancellationToken cancellationToken = default)
    {
        if (await service.GetTextAsync(id, cancellationToken) is not { } text)
        {
            return ApiProblems.NotFound("document with that id");
        }

        // The stored hash is of exactly these UTF-8 bytes: a strong ETag without hashing again.
        return ConditionalGet.NotModified(context, "\"" + text.ContentHash + "\"", await ApiLastModified.OfArchiveAsync(db, cancellationToken))
            ?? Results.Text(text.Text, "text/plain; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> GetEvidenceAsync(
        HttpContext context,
        ApiEvidenceService service,
        FactCheckDbContext db,
        [Description("The evidence item's id.")] int id,
        CancellationToken cancellationToken = default) =>
        await OneAsync(context, db, await service.GetAsync(id, ApiLinks.For(context.Request), cancellationToken), "evidence item with that id", cancellationToken);

    private static async Task<IResult> ListVerdictsAsync(
        HttpContext context,
        ApiVerdictService service,
        FactCheckDbContext db,
        [Description(PageDescription)] string? page = null,
        [Description(PageSizeDescription)] string? pageSize = null,
        CancellationToken cancellationToken = default) =>
        await PageOfAsync(context, db, page, pageSize, service.ListAsync, cancellationToken);

    private static async Task<IResult> GetVerdictAsync(
        HttpContext context,
        ApiVerdictService service,
        FactCheckDbContext db,
        [Description("The verdict's id.")] int id,
        CancellationToken cancellationToken = default) =>
        await OneAsync(context, db, await service.GetAsync(id, ApiLinks.For(context.Request), cancellationToken), "published verdict with that id", cancellationToken);

    private static async Task<IResult> SearchAsync(
        HttpContext context,
        ApiSearchService service,
        FactCheckDbContext db,
        [Description("What to search for: words, \"exact phrases\", -excluded words.")] string? q = null,
        [Description("claims (the default), evidence or documents.")] string? kind = null,
        [Description(PageDescription)] string? page = null,
        [Description(PageSizeDescription)] string? pageSize = null,
        CancellationToken cancellationToken = default)
    {
        var (paging, problem) = ApiPaging.Parse(page, pageSize);
        if (paging is null)
        {
            return problem!;
        }

        var searchKind = SearchKind.Claims;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (SearchKinds.Parse(kind) is not { } chosen)
            {
                return ApiProblems.InvalidParameter("kind", "kind must be claims, evidence or documents.");
            }

            searchKind = chosen;
        }

        // The same parser and messages as the /search page.
        var parsed = SearchQuery.Parse(q);
        if (parsed.Query is not { } query)
        {
            return ApiProblems.InvalidParameter("q", parsed.Error ?? SearchQuery.EmptyMessage);
        }

        var links = ApiLinks.For(context.Request);
        var results = await service.SearchAsync(searchKind, query, paging, cancellationToken);
        var items = await service.ResultsAsync(searchKind, results.Hits, links, cancellationToken);
        var hasNext = paging.Offset is { } offset && (long)offset + paging.PageSize < results.Total;
        var body = paging.ToPage(context, links, items, new Dictionary<string, string?> { ["q"] = q?.Trim(), ["kind"] = kind?.Trim() }, results.Total, hasNext);
        return ConditionalGet.Json(context, body, await ApiLastModified.OfArchiveAsync(db, cancellationToken));
    }

    /// <summary>The unfiltered lists share one shape: read the paging, read one page of rows, answer conditionally.</summary>
    private static async Task<IResult> PageOfAsync<T>(
        HttpContext context,
        FactCheckDbContext db,
        string? page,
        string? pageSize,
        Func<ApiPaging, ApiLinks, CancellationToken, Task<IReadOnlyList<T>>> list,
        CancellationToken cancellationToken)
    {
        var (paging, problem) = ApiPaging.Parse(page, pageSize);
        if (paging is null)
        {
            return problem!;
        }

        var links = ApiLinks.For(context.Request);
        var body = paging.ToPage(context, links, await list(paging, links, cancellationToken), NoQuery);
        return ConditionalGet.Json(context, body, await ApiLastModified.OfArchiveAsync(db, cancellationToken));
    }

    /// <summary>One resource by its key: a 404 problem naming what was looked for, or the resource, answered conditionally.</summary>
    private static async Task<IResult> OneAsync<T>(HttpContext context, FactCheckDbContext db, T? resource, string notFound, CancellationToken cancellationToken)
        where T : class =>
        resource is null
            ? ApiProblems.NotFound(notFound)
            : ConditionalGet.Json(context, resource, await ApiLastModified.OfArchiveAsync(db, cancellationToken));

    private static readonly Dictionary<string, string?> NoQuery = [];
}
