using FactCheck.Web.Caching;
using Microsoft.Extensions.Primitives;

namespace FactCheck.Web.Hosting;

/// <summary>The headers every response carries, errors included. See docs/decisions/response-headers.md.</summary>
public static class ResponseHeaderExtensions
{
    /// <summary>
    /// Reader pages run no script at all, so the policy can forbid inline script and javascript: URLs
    /// outright: even a bad URL that slipped into stored data could not run. Scripts from the site itself
    /// stay allowed for the editors' interactive pages; images may come from https hosts (Markdown).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// The desk's pages run the Blazor script, which finds its endpoints through a &lt;base href="/"&gt;:
    /// they allow a base element naming the site itself, and nothing else changes.
    /// </summary>
    public const string DeskContentSecurityPolicy = "default-src 'self'; script-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Browser features the site never uses, off for it and for anything it could ever embed. Only features
    /// Chromium recognises: it reports any other name on every page (a browser test checks).
    /// </summary>
    public const string PermissionsPolicy = "accelerometer=(), browsing-topics=(), camera=(), compute-pressure=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), local-fonts=(), magnetometer=(), microphone=(), midi=(), otp-credentials=(), payment=(), screen-wake-lock=(), serial=(), usb=(), window-management=(), xr-spatial-tracking=()";

    public static WebApplicationBuilder AddFactCheckResponseHeaders(this WebApplicationBuilder builder)
    {
        // Nothing in a response names the server software.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// Sets the headers as the response starts rather than as the request arrives, so that whatever answers
    /// carries them: the exception handler clears the response before it renders the error page. First in
    /// the pipeline for the same reason.
    /// </summary>
    public static WebApplication UseFactCheckResponseHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(SetHeaders, context);
            return next(context);
        });
        return app;
    }

    private static Task SetHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Features.Desk.DeskPages.IsDeskPath(context.Request.Path.Value ?? "") ? DeskContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;

        // Static assets say for themselves how long they keep (fingerprinted ones for a year).
        if (StringValues.IsNullOrEmpty(headers.CacheControl))
        {
            headers.CacheControl = CacheControlPolicy.For(context);
        }

        return Task.CompletedTask;
    }
}
