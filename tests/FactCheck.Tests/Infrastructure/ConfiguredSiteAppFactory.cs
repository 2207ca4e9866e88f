using Microsoft.AspNetCore.Hosting;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The site as a deployment behind a proxy configures it: any Host allowed through (AllowedHosts "*"), and
/// every absolute URL built on the public address in Site:BaseUrl.
/// </summary>
public sealed class ConfiguredSiteAppFactory : FactCheckAppFactory
{
    public const string PublicHost = "factcheck.example";
    public const string PublicBaseUrl = "https://" + PublicHost;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AllowedHosts", "*");
        builder.UseSetting("Site:BaseUrl", PublicBaseUrl);
    }
}
