using System.IO.Compression;
using FactCheck.Web.Caching;
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
            // attacker-chosen text; an anonymous reader's page carries none (no antiforgery token, no cookie), and
            // every other response is never compressed (UseFactCheckCompression).
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
    /// Compresses what an anonymous reader gets, and nothing else: the desk and account pages carry antiforgery
    /// tokens, and any page for a signed-in editor carries the sign-out form and the editor's name beside text
    /// a stranger can choose (a search query), which is what BREACH recovers from a compressed response. Static
    /// assets arrive precompressed from MapStaticAssets; the middleware leaves a response with a Content-Encoding alone.
    /// </summary>
    public static WebApplication UseFactCheckCompression(this WebApplication app)
    {
        app.UseWhen(context => !CarriesSecrets(context.Request), branch => branch.UseResponseCompression());
        return app;
    }

    private static bool CarriesSecrets(HttpRequest request) =>
        DeskPages.IsDeskPath(request.Path.Value ?? "")
        || request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || OutputCacheReaderPolicy.HasSignInCookie(request);
}
