using FactCheck.Web.Features.Errors;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace FactCheck.Web.Hosting;

/// <summary>
/// Every error status a browser can reach gets the site's own short page (Features/Errors/StatusPage.razor,
/// Error.razor) with the original status kept, and a route under /api/ a problem+json body instead.
/// See docs/decisions/error-pages.md.
/// </summary>
public static class ErrorPageExtensions
{
    private const string ApiPrefix = "/api";

    // Kestrel's default limits (an 8 KB request line, 32 KB of headers). Kestrel enforces its own before the
    // app runs and answers with a bare status, so its limits are raised to twice these and the site refuses
    // at these: what was refused is still refused, now with the site's page, up to Kestrel's new limits.
    public const int MaxRequestTargetLength = 8 * 1024;
    public const int MaxRequestHeadersLength = 32 * 1024;

    public static WebApplicationBuilder AddFactCheckErrorPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Limits.MaxRequestLineSize = 2 * MaxRequestTargetLength;
            options.Limits.MaxRequestHeadersTotalSize = 2 * MaxRequestHeadersLength;
        });
        return builder;
    }

    public static WebApplication UseFactCheckErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // A fresh scope for the error page, so a broken DbContext from the failed request is not reused.
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Unmatched URLs get the "Page not found" page with a real 404 status, and every other bodiless error
        // status a page that says what happened.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);

        app.UseWhen(IsApiRequest, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteProblemAsync });
            api.UseStatusCodePages(context => WriteProblemAsync(context.HttpContext));
        });

        app.Use(LetStatusPageExplainEmptyErrorsAsync);
        app.Use(HideErrorPagesFromDirectRequestsAsync);
        app.Use(RefuseOversizedRequestsAsync);
        return app;
    }

    /// <summary>
    /// Re-execution keeps the request's method and picks the error page's endpoint before any middleware of
    /// ours runs, so the error pages match every method: a PUT answered 405 would otherwise be re-executed into
    /// another, empty, 405.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder WithErrorPagesForAnyMethod(this RazorComponentsEndpointConventionBuilder pages)
    {
        pages.Add(endpoint =>
        {
            var page = endpoint.Metadata.OfType<ComponentTypeMetadata>().LastOrDefault()?.Type;
            if (page == typeof(StatusPage) || page == typeof(Error))
            {
                // Listing no method means any method.
                endpoint.Metadata.Add(new HttpMethodMetadata([]));
            }
        });
        return pages;
    }

    /// <summary>This request is the error or status-code page being rendered for another.</summary>
    public static bool IsErrorReExecution(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null
        || context.Features.Get<IExceptionHandlerPathFeature>() is not null;

    private static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments(ApiPrefix);

    private static Task WriteProblemAsync(HttpContext context) =>
        Results.Problem(statusCode: context.Response.StatusCode).ExecuteAsync(context);

    /// <summary>
    /// Razor component endpoints set Content-Type before they know the answer, so a request they refuse (a
    /// POST without an antiforgery token) leaves an error status with a Content-Type and no body, which the
    /// status-code page middleware takes as already answered. Without the Content-Type it explains the error.
    /// </summary>
    private static async Task LetStatusPageExplainEmptyErrorsAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode >= StatusCodes.Status400BadRequest && !response.HasStarted && response.ContentLength is null)
        {
            response.ContentType = null;
        }
    }

    /// <summary>The error pages answer 404 when asked for directly, rather than a "Page not found" with 200.</summary>
    private static Task HideErrorPagesFromDirectRequestsAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!IsErrorReExecution(context) && (path.StartsWithSegments("/error") || path.StartsWithSegments("/status")))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static Task RefuseOversizedRequestsAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsErrorReExecution(context))
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > MaxRequestTargetLength)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return Task.CompletedTask;
            }

            if (HeadersLength(context.Request.Headers) > MaxRequestHeadersLength)
            {
                context.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
                return Task.CompletedTask;
            }
        }

        return next(context);
    }

    // Roughly as Kestrel counts them: each "name: value" line and its line break.
    private static int HeadersLength(IHeaderDictionary headers)
    {
        var length = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                length += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return length;
    }
}
