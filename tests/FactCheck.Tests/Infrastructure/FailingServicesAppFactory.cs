using FactCheck.Web.Features.Home;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The site with failures forced in the test host only, to see the real 500 answers: the home page's service
/// throws, as it would when its database query fails, and an API address that only this host has throws.
/// </summary>
public sealed class FailingServicesAppFactory : FactCheckAppFactory
{
    public const string Failure = "The data could not be read (a failure forced by the test).";
    public const string FailingApiPath = "/api/test-failure";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<HomePageService>(_ => throw new InvalidOperationException(Failure));
            services.AddTransient<IStartupFilter, FailingApiStartupFilter>();
        });
    }

    /// <summary>Ends the site's own pipeline with an address under /api/ that throws, after every error handler the site has.</summary>
    private sealed class FailingApiStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(FailingApiPath, failing => failing.Run(_ => throw new InvalidOperationException(Failure)));
        };
    }
}
