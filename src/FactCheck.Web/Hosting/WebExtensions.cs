using FactCheck.Data.Text;
using FactCheck.Web.Components;
using FactCheck.Web.Services;
using Serilog;

namespace FactCheck.Web.Hosting;

public static class WebExtensions
{
    /// <summary>
    /// Static server-side rendered Razor components (no interactive render modes: every reader page
    /// works without JavaScript) and the services the pages read through.
    /// </summary>
    public static WebApplicationBuilder AddFactCheckWeb(this WebApplicationBuilder builder)
    {
        // Development loads static web assets by default; `dotnet run` in another environment
        // (Production, Testing) needs the manifest read explicitly. Published apps have no manifest,
        // and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();

        builder.Services.AddSingleton(SiteSettings.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<ClaimReviewJsonLd>();
        builder.Services.AddScoped<ClaimPageService>();
        builder.Services.AddScoped<SourcePageService>();
        builder.Services.AddScoped<HomePageService>();
        return builder;
    }

    public static WebApplication UseFactCheckPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // A fresh scope for the error page, so a broken DbContext from the failed request is not reused.
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        // Unmatched URLs get the "Page not found" page with a real 404 status.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSerilogRequestLogging();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
