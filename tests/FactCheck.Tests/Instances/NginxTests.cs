using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Instances;

/// <summary>
/// docs/deployment.md as an operator checks it: PostgreSQL, two instances on it, and Debian's nginx with the
/// shipped docs/deployment/nginx.conf in front. Which instance answered is read from each instance's own request
/// log, never from the response.
/// <para>
/// On PostgreSQL whatever the pass, as the deployment page runs it (SQLite would also share its file between two
/// processes on one machine, but that is not a deployment anyone puts behind a load balancer). Hence the
/// "Postgres" trait: the test command's first pass runs it, and its second pass, which selects "Both", does not
/// run it again.
/// </para>
/// </summary>
[Trait("Database", "Postgres")]
public sealed class NginxTests(NginxTests.Deployment site) : IClassFixture<NginxTests.Deployment>
{
    private const string IdentityCookie = ".AspNetCore.Identity.Application";

    /// <summary>Two instances on one PostgreSQL database, the first of which migrates and seeds, and nginx in front.</summary>
    public sealed class Deployment : IDisposable
    {
        public Deployment()
        {
            First = new NginxUpstream(sharedConnectionString: null);
            try
            {
                _ = First.BaseAddress;
                Second = new NginxUpstream(First.ConnectionString);
                _ = Second.BaseAddress;
                Nginx = NginxProxy.Start(First.BaseAddress, Second.BaseAddress);
            }
            catch
            {
                Second?.Dispose();
                First.Dispose();
                throw;
            }
        }

        public NginxUpstream First { get; }

        public NginxUpstream Second { get; } = null!;

        public NginxProxy Nginx { get; } = null!;

        public IReadOnlyList<NginxUpstream> Instances => [First, Second];

        public void Dispose()
        {
            Nginx.Dispose();
            Second.Dispose();
            First.Dispose();
        }
    }

    [Fact]
    public async Task Consecutive_reads_of_a_claim_page_through_nginx_are_answered_by_both_instances_in_turn()
    {
        var claim = await SeededClaims.LoadAsync(site.First, SeededClaims.BalkiKey);
        var before = Counts();

        // One client connection: nginx's round robin is per worker process, and one connection stays on one worker.
        using var client = new HttpClient { BaseAddress = site.Nginx.BaseAddress };
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(new Uri(claim.Path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(claim.ClaimantName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var served = Served(before, $"GET {claim.Path}");
        Assert.True(served is [3, 3], $"Each instance should have answered three of the six; they answered {string.Join(" and ", served)}.");
    }

    [Fact]
    public async Task A_claim_page_read_through_nginx_links_to_itself_at_nginxs_address_port_included()
    {
        var claim = await SeededClaims.LoadAsync(site.First, SeededClaims.BalkiKey);
        using var client = new HttpClient { BaseAddress = site.Nginx.BaseAddress };

        // With no Site:BaseUrl (the one-machine set-up on port 8080), the page's absolute links take the request's
        // host; a proxy that dropped the port would send readers and search engines to port 80.
        var page = Html.Parse(await client.GetStringAsync(new Uri(claim.Path, UriKind.Relative)));
        var canonical = page.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        Assert.Equal(new Uri(site.Nginx.BaseAddress, claim.Path).AbsoluteUri, canonical);
    }

    [Fact]
    public async Task An_editor_signed_in_through_nginx_reaches_one_instance_for_every_desk_request_while_reader_pages_still_alternate()
    {
        await site.First.AddUserAsync("nginx-desk@example.org", DeskRoles.Editor);
        using var session = await SignInThroughNginxAsync("nginx-desk@example.org");
        using var withCookie = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = session.Cookies }) { BaseAddress = site.Nginx.BaseAddress };
        var before = Counts();

        const int Rounds = 4;
        for (var i = 0; i < Rounds; i++)
        {
            using (var dashboard = await withCookie.GetAsync(new Uri("/editor", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            }

            using (var account = await withCookie.GetAsync(new Uri("/account/login", UriKind.Relative)))
            {
                Assert.True((int)account.StatusCode < 500, $"/account/login answered {(int)account.StatusCode}");
            }

            _ = await NegotiateAsync(withCookie);

            // The same browser on a reader page between desk requests: that one is not held to an instance.
            using var home = await withCookie.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        var desk = Served(before, "GET /editor", "GET /account/login", "POST /_blazor/negotiate");
        Assert.True(desk is [3 * Rounds, 0] or [0, 3 * Rounds], $"All {3 * Rounds} desk requests should have reached one instance; they reached them {string.Join(" and ", desk)} times.");
        var readers = Served(before, "GET /");
        Assert.True(readers is [Rounds / 2, Rounds / 2], $"The home page should have been answered twice by each instance; they answered {string.Join(" and ", readers)}.");
    }

    [Fact]
    public async Task The_desk_circuits_WebSocket_opens_through_nginx_on_the_instance_that_negotiated_it()
    {
        await site.First.AddUserAsync("nginx-circuit@example.org", DeskRoles.Editor);
        using var session = await SignInThroughNginxAsync("nginx-circuit@example.org");
        using var withCookie = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = session.Cookies }) { BaseAddress = site.Nginx.BaseAddress };
        var page = await session.GetPageAsync("/editor");
        Assert.NotNull(page.QuerySelector("script[src*='blazor.web']"));
        var before = Counts();

        var token = await NegotiateAsync(withCookie);
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = session.Cookies;
        var address = new UriBuilder(site.Nginx.BaseAddress) { Scheme = "ws", Path = "/_blazor", Query = $"id={Uri.EscapeDataString(token)}" }.Uri;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(address, limit.Token);
        Assert.Equal(WebSocketState.Open, socket.State);

        // SignalR's handshake, as blazor.web.js sends it: the hub answers "{}" only on the connection that
        // negotiated this token, which lives in one process.
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), WebSocketMessageType.Text, endOfMessage: true, limit.Token);
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, limit.Token);
        Assert.Equal("{}\u001e", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", limit.Token);

        // A request is logged when it ends; a WebSocket's ends after the close reaches the instance.
        while (Served(before, "GET /_blazor").Sum() == 0)
        {
            await Task.Delay(50, limit.Token);
        }

        var negotiated = Served(before, "POST /_blazor/negotiate");
        Assert.Equal(negotiated, Served(before, "GET /_blazor"));
        Assert.Equal(1, negotiated.Sum());
    }

    [Fact]
    public async Task A_failed_sign_in_through_nginx_is_audited_with_the_address_nginx_saw_not_one_the_client_wrote()
    {
        const string Email = "nginx-forwarded@example.org";

        // The client connects from 127.0.0.2, so its address differs from nginx's own (127.0.0.1) towards the instances.
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            ConnectCallback = async (context, cancellation) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = site.Nginx.BaseAddress };
        var page = Html.Parse(await client.GetStringAsync(new Uri("/account/login", UriKind.Relative)));
        var form = Assert.Single(page.Forms, f => f.QuerySelector("input[type=password]") is not null);
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        values[((IHtmlInputElement)page.GetElementById("login-email")!).Name!] = Email;
        values[((IHtmlInputElement)page.GetElementById("login-password")!).Name!] = "not the password of anyone here";

        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative)) { Content = new FormUrlEncodedContent(values) };
        post.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("127.0.0.2", await site.First.QueryAsync(db => db.AuditLog.Where(a => a.Subject == Email).Select(a => a.RemoteAddress).SingleAsync()));
    }

    /// <summary>The sign-in form, fetched and posted through nginx with its antiforgery token, as a browser does.</summary>
    private async Task<FormSession> SignInThroughNginxAsync(string email)
    {
        var session = new FormSession(site.Nginx.BaseAddress);
        try
        {
            using var response = await session.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = DeskAppFactory.Password }, "Sign in");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Contains(session.Cookies.GetAllCookies(), c => c.Name == IdentityCookie);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>What blazor.web.js does first: negotiate a connection for the circuit; returns its token.</summary>
    private static async Task<string> NegotiateAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var negotiated = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(negotiated.RootElement.GetProperty("availableTransports").EnumerateArray(), t => t.GetProperty("transport").GetString() == "WebSockets");
        return negotiated.RootElement.GetProperty("connectionToken").GetString()!;
    }

    private int[] Counts() => [.. site.Instances.Select(i => i.Requests.Count)];

    /// <summary>How many requests that are one of <paramref name="requests"/> each instance logged since <paramref name="before"/>.</summary>
    private int[] Served(int[] before, params string[] requests) =>
        [.. site.Instances.Select((instance, n) => instance.Requests.Skip(before[n]).Count(requests.Contains))];
}
