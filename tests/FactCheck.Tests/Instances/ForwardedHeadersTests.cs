using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Instances;

/// <summary>
/// Behind nginx every request comes from nginx's address; the client's is in X-Forwarded-For. The site takes it
/// from the proxies configuration names, and from nobody else: a client cannot write its own address into the
/// audit log, or spread its sign-in attempts over invented addresses.
/// </summary>
[Trait("Database", "Both")]
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task A_failed_sign_in_through_a_known_proxy_is_logged_with_the_clients_address()
    {
        using var site = new BehindProxy("127.0.0.1");
        Assert.Equal("203.0.113.7", await FailedSignInAddressAsync(site, "via-proxy@example.org", "203.0.113.7"));
    }

    [Fact]
    public async Task Without_a_configured_proxy_the_header_is_ignored()
    {
        using var site = new BehindProxy(knownProxies: null);
        Assert.Equal("127.0.0.1", await FailedSignInAddressAsync(site, "no-proxy@example.org", "203.0.113.7"));
    }

    private static async Task<string?> FailedSignInAddressAsync(BehindProxy site, string email, string forwardedFor)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = site.BaseAddress };
        var page = Html.Parse(await client.GetStringAsync(new Uri("/account/login", UriKind.Relative)));
        var form = Assert.Single(page.Forms, f => f.QuerySelector("input[type=password]") is not null);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        values[((IHtmlInputElement)page.GetElementById("login-email")!).Name!] = email;
        values[((IHtmlInputElement)page.GetElementById("login-password")!).Name!] = "not the password of anyone here";

        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative)) { Content = new FormUrlEncodedContent(values) };
        post.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        return await site.QueryAsync(db => db.AuditLog.Where(a => a.Subject == email).Select(a => a.RemoteAddress).SingleAsync());
    }

    private sealed class BehindProxy(string? knownProxies) : FactCheckAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (knownProxies is not null)
            {
                builder.UseSetting("ForwardedHeaders:KnownProxies", knownProxies);
            }
        }
    }
}
