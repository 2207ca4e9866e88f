using System.IO.Compression;
using FactCheck.Web.Features.Desk;
using Microsoft.AspNetCore.ResponseCompression;

namespace FactCheck.Web.Hosting;

/// <summary>
/// Compressed pages and long-lived stylesheets. See docs/decisions/compression-and-asset-caching.md.
/// </summary>
public static class CompressionExtensions
{
    /// <summary>What the site sends as text besides the framework's defaults (HTML, CSS, JSON, XML).</summary>
    private static readonly string[] ExtraMimeTypes = ["application/atom+xml", "image/svg+xml", "application/ld+json"];

    public static WebApplicationBuilder AddFactCheckCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            // Readers reach the site over TLS in production. The BREACH concern is a secret echoed beside
            // attacker-chosen text; reader pages carry no secret (no antiforgery token, no cookie), and the pages
            // that do are never compressed (UseFactCheckCompression).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(ExtraMimeTypes);
        });

        // A page compressed on every request, the output cache's hits included: the fastest level keeps that
        // cheap and still takes a claim page to about a fifth of its size.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);

        // MapStaticAssets serves every asset with no-cache when it reads a build's manifest (`dotnet run`, the
        // tests), whatever the environment. The manifest's own answer is right everywhere: a changed file gets a
        // new fingerprint, so a fingerprinted URL may be kept for a year and the plain one is revalidated.
        builder.Configuration["EnableStaticAssetsDevelopmentCaching"] ??= "true";
        return builder;
    }

    /// <summary>
    /// Compresses everything but the desk and account pages, whose forms carry antiforgery tokens (the secret
    /// BREACH recovers from a compressed response). Static assets arrive precompressed from MapStaticAssets, and
    /// the middleware leaves a response that already has a Content-Encoding alone.
    /// </summary>
    public static WebApplication UseFactCheckCompression(this WebApplication app)
    {
        app.UseWhen(context => !CarriesFormSecrets(context.Request.Path), branch => branch.UseResponseCompression());
        return app;
    }

    private static bool CarriesFormSecrets(PathString path) =>
        DeskPages.IsDeskPath(path.Value ?? "") || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase);
}
