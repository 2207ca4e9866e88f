using FactCheck.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FactCheck.Tests.Hosting;

/// <summary>
/// The site's logger factory hands out one logger per category. Serilog's own made a new one per call, and objects
/// made per request and per circuit ask in their constructors: an editor's circuit kept seven
/// (docs/performance/circuit-memory.md).
/// </summary>
public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public async Task A_category_asked_for_twice_gets_the_same_logger_and_another_category_its_own()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddFactCheckLogging();
        await using var app = builder.Build();
        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.IsType<CachingLoggerFactory>(factory);
        Assert.Same(factory.CreateLogger("Circuit"), factory.CreateLogger("Circuit"));
        Assert.NotSame(factory.CreateLogger("Circuit"), factory.CreateLogger("Renderer"));
        // ILogger<T> is made per resolution, but over the cached category logger.
        Assert.True(app.Services.GetRequiredService<ILogger<CachingLoggerFactoryTests>>().IsEnabled(LogLevel.Warning));
    }
}
