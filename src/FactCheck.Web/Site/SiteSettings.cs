using System.Globalization;
using System.Text;

namespace FactCheck.Web.Site;

/// <summary>Site identity from configuration: Site:Name and the optional public base URL Site:BaseUrl.</summary>
public sealed class SiteSettings
{
    public const string DefaultName = "FactCheck";

    /// <summary>
    /// The host error pages render under when no base URL is configured. Blazor needs some host it can parse
    /// to render a page at all, and an error page names no absolute URL, so this one appears nowhere.
    /// </summary>
    public static readonly HostString ErrorPageHost = new("localhost");

    /// <summary>
    /// The tag: URI authority feed ids are minted under when neither Site:FeedIdAuthority nor Site:BaseUrl is
    /// set. ".invalid" is reserved (RFC 2606), so it can never be a name someone else mints tags under.
    /// </summary>
    public const string DefaultFeedIdAuthority = "factcheck.invalid";

    public SiteSettings(string? name, string? baseUrl, string? feedIdAuthority = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        FeedIdAuthority = string.IsNullOrWhiteSpace(feedIdAuthority) ? DefaultFeedIdAuthority : CheckedTagAuthority(feedIdAuthority.Trim());
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            return;
        }

        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var origin)
            || origin.Scheme is not ("http" or "https")
            || origin.UserInfo.Length > 0
            || origin.Query.Length > 0
            || origin.Fragment.Length > 0
            || !IsUrlAuthority(AsciiHost(origin)))
        {
            throw new InvalidOperationException(
                $"Site:BaseUrl '{baseUrl}' is not an absolute http or https URL; set it to the address readers use, such as https://factcheck.example.");
        }

        ConfiguredBaseUrl = baseUrl.Trim().TrimEnd('/');
        ConfiguredScheme = origin.Scheme;
        ConfiguredHost = AsciiHost(origin);

        // Without an explicit authority, the configured public domain (never a request's Host): it is the
        // newsroom's own, so its ids cannot collide with another site's (decisions/feed-ids.md).
        if (string.IsNullOrWhiteSpace(feedIdAuthority) && origin.HostNameType == UriHostNameType.Dns)
        {
            FeedIdAuthority = origin.IdnHost.ToLowerInvariant();
        }
    }

    public string Name { get; }

    /// <summary>
    /// The authority of every Atom id (tag:{authority},2026:verdict-1): Site:FeedIdAuthority when set, else the
    /// host of Site:BaseUrl, else <see cref="DefaultFeedIdAuthority"/>; never the request's Host, because an
    /// Atom id is permanent and the names a site is reached by are not (decisions/feed-ids.md). Lower case, as
    /// RFC 4151 compares tags character by character.
    /// </summary>
    public string FeedIdAuthority { get; }

    /// <summary>The configured public origin, without trailing slash; null when not configured.</summary>
    public string? ConfiguredBaseUrl { get; }

    /// <summary>The scheme of <see cref="ConfiguredBaseUrl"/>; null when not configured.</summary>
    public string? ConfiguredScheme { get; }

    /// <summary>The host (and port) of <see cref="ConfiguredBaseUrl"/>; empty when not configured.</summary>
    public HostString ConfiguredHost { get; }

    public static SiteSettings FromConfiguration(IConfiguration configuration) =>
        new(configuration["Site:Name"], configuration["Site:BaseUrl"], configuration["Site:FeedIdAuthority"]);

    /// <summary>
    /// The origin absolute URLs are built on. A configured value wins, because behind a proxy the
    /// request's own scheme and host are the internal ones. Otherwise the request's, which the pipeline
    /// has checked against AllowedHosts (see Hosting/HostFilteringExtensions); a request without a usable
    /// host never reaches a page, so there is no fallback to invent one.
    /// </summary>
    public string BaseUrlFor(HttpRequest? request)
    {
        if (ConfiguredBaseUrl is not null)
        {
            return ConfiguredBaseUrl;
        }

        if (request is null || !IsUrlAuthority(request.Host))
        {
            throw new InvalidOperationException("Neither Site:BaseUrl nor a checked Host header is available to build an absolute URL.");
        }

        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}".TrimEnd('/');
    }

    /// <summary>
    /// Whether a Host value can stand in a URL as it is: a DNS name or an IP literal, with a port from 0 to
    /// 65535 if any. ASCII only: browsers send international names as punycode, and mapping anything else
    /// can throw. Blazor builds every page's base URI from the Host, so a page cannot render under any other.
    /// </summary>
    public static bool IsUrlAuthority(HostString host)
    {
        var value = host.Value;
        if (string.IsNullOrEmpty(value) || !Ascii.IsValid(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '[' or ']'))
            {
                return false;
            }
        }

        return Uri.TryCreate($"http://{value}/", UriKind.Absolute, out var uri)
            && uri.HostNameType is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
            && uri.PathAndQuery == "/"
            && DecodesAsPunycode(uri.Host);
    }

    // The framework turns punycode back into Unicode (HostString.FromUriComponent), which throws on an
    // "xn--" label that does not decode; IdnMapping offers no Try method to ask first.
    private static bool DecodesAsPunycode(string host)
    {
        if (!host.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            new IdnMapping().GetUnicode(host);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // RFC 4151: a tag's authority is a DNS name or an e-mail address that the site's owner held on the
    // tag's date. Anything else would make an id that is not a valid tag: URI.
    private static string CheckedTagAuthority(string value)
    {
        var at = value.LastIndexOf('@');
        var domain = at >= 0 ? value[(at + 1)..] : value;
        var local = at >= 0 ? value[..at] : "";
        var validLocal = at < 0 || (local.Length > 0 && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+'));
        if (!validLocal || Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal) || !Ascii.IsValid(domain))
        {
            throw new InvalidOperationException(
                $"Site:FeedIdAuthority '{value}' is not a domain name or e-mail address; set it to a domain the newsroom owns, such as factcheck.example, and never change it.");
        }

        return value.ToLowerInvariant();
    }

    private static HostString AsciiHost(Uri origin)
    {
        var host = origin.HostNameType == UriHostNameType.IPv6 ? origin.Host : origin.IdnHost;
        return origin.IsDefaultPort ? new HostString(host) : new HostString(host, origin.Port);
    }
}
