using System.Collections.Concurrent;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace FactCheck.Tests.Instances;

/// <summary>
/// One instance behind nginx: the site on PostgreSQL with desk accounts, believing X-Forwarded-For from 127.0.0.1
/// as the deployment page configures it, and keeping its own request log (Serilog's request logging, the line an
/// operator reads) so a test can tell which instance answered without the site saying so in a response.
/// </summary>
public sealed class NginxUpstream(string? sharedConnectionString) : DeskAppFactory(TestDatabase.Postgres, sharedConnectionString)
{
    private readonly RequestLog _requests = new();

    /// <summary>Every request this instance finished, in order: method and path, e.g. "GET /editor".</summary>
    public IReadOnlyList<string> Requests => [.. _requests.Lines];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", "127.0.0.1");
        builder.UseSetting("Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(_requests));
    }

    private sealed class RequestLog : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IEnumerable<string> Lines => _lines;

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue("RequestMethod", out var method) && logEvent.Properties.TryGetValue("RequestPath", out var path))
            {
                _lines.Enqueue($"{Text(method)} {Text(path)}");
            }
        }

        private static string Text(LogEventPropertyValue value) => value is ScalarValue { Value: string text } ? text : value.ToString();
    }
}
