namespace FactCheck.Web.Services;

/// <summary>Site identity from configuration: Site:Name and the optional public base URL Site:BaseUrl.</summary>
public sealed class SiteSettings
{
    public const string DefaultName = "FactCheck";

    public SiteSettings(string? name, string? baseUrl)
    {
        Name = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        ConfiguredBaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().TrimEnd('/');
    }

    public string Name { get; }

    /// <summary>The configured public origin, without trailing slash; null when not configured.</summary>
    public string? ConfiguredBaseUrl { get; }

    public static SiteSettings FromConfiguration(IConfiguration configuration) =>
        new(configuration["Site:Name"], configuration["Site:BaseUrl"]);

    /// <summary>
    /// The origin absolute URLs are built on. A configured value wins, because behind a proxy the
    /// request's own scheme and host are the internal ones.
    /// </summary>
    public string BaseUrlFor(HttpRequest? request)
    {
        if (ConfiguredBaseUrl is not null)
        {
            return ConfiguredBaseUrl;
        }

        if (request is null || !request.Host.HasValue)
        {
            return "http://localhost";
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}".TrimEnd('/');
    }
}
