using FactCheck.Web.Site;
using Microsoft.AspNetCore.HostFiltering;

namespace FactCheck.Web.Hosting;

/// <summary>
/// Which Host headers the site answers, and which host absolute URLs are built on: ASP.NET Core's host
/// filtering (AllowedHosts) and the configured public address (Site:BaseUrl). See docs/decisions/host-handling.md.
/// </summary>
public static class HostFilteringExtensions
{
    public static WebApplicationBuilder AddFactCheckHostFiltering(this WebApplicationBuilder builder)
    {
        var problem = HostConfiguration.Problem(builder.Configuration["AllowedHosts"], builder.Configuration["Site:BaseUrl"], builder.Environment.IsDevelopment());
        if (problem is not null)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.Configure<HostFilteringOptions>(options =>
        {
            // HTTP/1.0 allows a request without a Host and HTTP/1.1 an empty one, but neither names the site.
            options.AllowEmptyHosts = false;

            // Left bodiless, the 400 gets the site's own error page from the status-code page middleware.
            options.IncludeFailureMessage = false;
        });

        // The framework runs host filtering in front of the whole pipeline, where its 400 gets neither the
        // security headers nor the site's error page; UseFactCheckHostFiltering runs it inside instead.
        var inFront = builder.Services.Where(service => service.ServiceType == typeof(IStartupFilter)
            && service.ImplementationType?.Name == "HostFilteringStartupFilter").ToList();
        foreach (var service in inFront)
        {
            builder.Services.Remove(service);
        }

        return builder;
    }

    /// <summary>
    /// Refuses (400) a Host that AllowedHosts does not list, a missing or empty one, and one no URL can carry
    /// (an allowed name with a port out of range). With Site:BaseUrl set, a request that passes is then handled
    /// as addressed to that origin, so nothing downstream can read the Host it came with. Must come after the
    /// error pages, so that a refusal is explained, and before anything that reads the host.
    /// </summary>
    public static WebApplication UseFactCheckHostFiltering(this WebApplication app)
    {
        var site = app.Services.GetRequiredService<SiteSettings>();

        // Once per request: the error page re-executed for a refused Host would be refused again, bodiless.
        app.UseWhen(context => !ErrorPageExtensions.IsErrorReExecution(context), branch => branch.UseHostFiltering());

        app.Use((context, next) =>
        {
            var request = context.Request;
            if (site.ConfiguredBaseUrl is not null)
            {
                request.Scheme = site.ConfiguredScheme!;
                request.Host = site.ConfiguredHost;
            }
            else if (ErrorPageExtensions.IsErrorReExecution(context))
            {
                request.Host = SiteSettings.ErrorPageHost;
            }
            else if (!SiteSettings.IsUrlAuthority(request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }

            return next(context);
        });

        return app;
    }
}
