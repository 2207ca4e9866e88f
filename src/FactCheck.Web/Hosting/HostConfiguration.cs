namespace FactCheck.Web.Hosting;

/// <summary>
/// Whether AllowedHosts and Site:BaseUrl together keep absolute URLs away from an unchecked Host header.
/// See docs/decisions/host-handling.md.
/// </summary>
public static class HostConfiguration
{
    /// <summary>
    /// A message saying what to set, or null when the configuration is sound: outside Development, a wildcard
    /// AllowedHosts (or none, which the framework reads as one) needs Site:BaseUrl, or every absolute URL would
    /// be built from whatever Host a request names.
    /// </summary>
    public static string? Problem(string? allowedHosts, string? baseUrl, bool isDevelopment)
    {
        if (isDevelopment || !string.IsNullOrWhiteSpace(baseUrl) || !AllowsAnyHost(allowedHosts))
        {
            return null;
        }

        return $"AllowedHosts is '{allowedHosts}', which lets any Host header through, and Site:BaseUrl is not set, so canonical links, "
            + "JSON-LD and feed ids would be built from whatever host a request names. Set AllowedHosts to the site's host names "
            + "(for example \"factcheck.example;www.factcheck.example\") or Site:BaseUrl to its public address (for example \"https://factcheck.example\").";
    }

    /// <summary>The wildcards ASP.NET Core's host filtering treats as "any host", and an empty list, which it fills with one.</summary>
    public static bool AllowsAnyHost(string? allowedHosts)
    {
        var hosts = (allowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length == 0 || hosts.Any(host => host is "*" or "[::]" or "0.0.0.0");
    }
}
