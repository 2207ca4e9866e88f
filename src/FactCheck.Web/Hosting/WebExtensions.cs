using FactCheck.Data;
using FactCheck.Data.Text;
using FactCheck.Web.Components;
using FactCheck.Web.Features.Api;
using FactCheck.Web.Features.Api.Editor;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Corrections;
using FactCheck.Web.Features.Crawlers;
using FactCheck.Web.Features.Desk.Audit;
using FactCheck.Web.Features.Desk.History;
using FactCheck.Web.Features.Desk;
using FactCheck.Web.Features.Desk.Verdicts;
using FactCheck.Web.Features.Feeds;
using FactCheck.Web.Features.Home;
using FactCheck.Web.Features.Search;
using FactCheck.Web.Features.Sources;
using FactCheck.Web.Site;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

        // Interactive Server only for the editors' verdict form, which renders itself in a circuit; every
        // other page stays static and never loads the Blazor script (Components/App.razor).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<VerdictDraftService>();
        builder.Services.AddScoped<FactCheck.Web.Features.Desk.Dashboard.DashboardService>();
        builder.Services.AddAntiforgery();

        builder.Services.AddSingleton(SiteSettings.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<ClaimReviewJsonLd>();
        builder.Services.AddScoped<ClaimPageService>();
        builder.Services.AddScoped<ClaimVersionPageService>();
        builder.Services.AddScoped<SourcePageService>();
        builder.Services.AddScoped<HomePageService>();
        builder.Services.AddScoped<SearchService>();
        builder.Services.AddScoped<SimilarClaims>();

        // Stores the similar claims pages ranked live, and those saves made stale (docs/decisions/similar-claims-on-write.md).
        builder.Services.AddSingleton<SimilarClaimsRefresher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SimilarClaimsRefresher>());
        builder.Services.AddSingleton<ISavedChangesListener>(services => services.GetRequiredService<SimilarClaimsRefresher>());
        builder.Services.AddSingleton(BrowseOptions.FromConfiguration(builder.Configuration));
        builder.Services.AddScoped<ClaimBrowseService>();
        builder.Services.AddScoped<ClaimantPageService>();
        builder.Services.AddScoped<TopicPageService>();
        builder.Services.AddScoped<FeedService>();
        builder.Services.AddScoped<CorrectionsService>();
        builder.Services.AddScoped<HistoryService>();
        builder.Services.AddScoped<FactCheck.Web.Features.Desk.Sources.DeskSourceService>();
        builder.Services.AddScoped<FactCheck.Web.Features.Desk.Passages.LostPassagesService>();
        builder.Services.AddScoped<FactCheck.Web.Features.Desk.Claims.ClaimDeskService>();
        builder.Services.AddScoped<AuditLogService>();

        builder.AddFactCheckApi();
        builder.AddFactCheckHostFiltering();
        builder.AddFactCheckErrorPages();
        builder.AddFactCheckResponseHeaders();
        builder.AddFactCheckOutputCache();
        builder.AddFactCheckCompression();
        builder.AddFactCheckAccounts();
        builder.AddFactCheckEditorApi();
        builder.AddFactCheckDataProtection();
        builder.AddFactCheckForwardedHeaders();
        return builder;
    }

    public static WebApplication UseFactCheckPipeline(this WebApplication app)
    {
        app.UseFactCheckForwardedHeaders();
        app.UseFactCheckResponseHeaders();
        app.UseFactCheckErrorPages();
        app.UseFactCheckHostFiltering();
        if (!app.Environment.IsDevelopment())
        {
            // After host filtering: with Site:BaseUrl set, the request's scheme is the public one.
            app.UseHsts();
        }

        app.UseReadableMethods();
        app.UseFactCheckCompression();
        app.UseRouting();
        app.UseCors();
        // The host's own logger: by default the middleware writes to the static Log.Logger, which this host leaves
        // silent (preserveStaticLogger, LoggingExtensions), and the request log, the line that says which instance
        // behind the load balancer answered, would be lost.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseFactCheckAccounts();
        app.UseAntiforgery();
        app.UseFactCheckOutputCache();

        app.MapStaticAssets();
        app.MapFeedEndpoints();
        app.MapCrawlerEndpoints();
        app.MapApiEndpoints();
        app.MapEditorApiEndpoints();
        app.MapPassageStyles();
        app.MapPassageShortLinks();
        FactCheck.Web.Features.Citations.CitationEndpoints.MapCitationEndpoints(app);
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .WithInteractivityOnlyOnDeskPages()
            .WithErrorPagesForAnyMethod();
        return app;
    }

    /// <summary>
    /// Declares no interactive render mode on reader pages. With one declared, Blazor issues an antiforgery
    /// cookie on every page it renders (for components that might go interactive); reader pages then set a
    /// cookie on every visit, and the output cache refuses to store a response that sets one. Only the
    /// desk's pages keep the Server render mode. The last metadata of a type wins, so an empty copy added
    /// last overrides it. The type is internal to ASP.NET Core, hence reflection; if it ever changes, this
    /// does nothing and the reader-page cookie tests fail.
    /// </summary>
    private const string ConfiguredRenderModesType = "Microsoft.AspNetCore.Components.Endpoints.ConfiguredRenderModesMetadata";

    private static RazorComponentsEndpointConventionBuilder WithInteractivityOnlyOnDeskPages(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && !DeskPages.IsDeskPath(route.RoutePattern.RawText ?? "")
                && endpoint.Metadata.LastOrDefault(m => m.GetType().FullName == ConfiguredRenderModesType) is { } configured)
            {
                endpoint.Metadata.Add(Activator.CreateInstance(configured.GetType(), [Array.Empty<IComponentRenderMode>()])!);
            }
        });
        return builder;
    }

    /// <summary>
    /// Routes two kinds of request as GET, before routing picks an endpoint. HEAD, which link checkers
    /// and web archives use and Razor component endpoints do not match (Kestrel still sends no body for
    /// a HEAD request). And re-executed error pages: re-execution keeps the original method, and a page
    /// rendered for a POST is a form submission, which would be refused again and leave the reader a
    /// blank response.
    /// </summary>
    private static void UseReadableMethods(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method) || ErrorPageExtensions.IsErrorReExecution(context))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
}
