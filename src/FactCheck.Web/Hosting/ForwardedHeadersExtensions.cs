using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FactCheck.Web.Hosting;

/// <summary>
/// Behind a reverse proxy (nginx in docs/deployment.md), the client's address and scheme arrive in
/// X-Forwarded-For and X-Forwarded-Proto. They are believed only from the proxies that configuration names
/// (ForwardedHeaders:KnownProxies, addresses, and ForwardedHeaders:KnownNetworks, CIDR ranges, each separated
/// by ';'); with neither set, nothing is believed, since anyone can send those headers. The client's address
/// matters: the per-address limit on sign-in attempts and the audit log use it, and behind a proxy every
/// request would otherwise come from the proxy. X-Forwarded-Host is never read: the Host header stays
/// checked against AllowedHosts (decisions/host-handling.md).
/// </summary>
public static class ForwardedHeadersExtensions
{
    public static WebApplicationBuilder AddFactCheckForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxies = Split(builder.Configuration["ForwardedHeaders:KnownProxies"]);
        var networks = Split(builder.Configuration["ForwardedHeaders:KnownNetworks"]);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // One proxy in front: only the address it saw is taken, never one a client wrote into the header.
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's own address and scheme.</summary>
    public static WebApplication UseFactCheckForwardedHeaders(this WebApplication app)
    {
        var configured = Split(app.Configuration["ForwardedHeaders:KnownProxies"]).Length + Split(app.Configuration["ForwardedHeaders:KnownNetworks"]).Length > 0;
        if (configured)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
