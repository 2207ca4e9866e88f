using System.Collections.Concurrent;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One logger per category, as Microsoft.Extensions.Logging's own factory keeps them. Serilog's factory makes a new
/// logger, with its own event-id cache, on every call, and ASP.NET Core asks for loggers in constructors of objects
/// made per request and per circuit: a verdict form's circuit alone held seven Serilog loggers, about 4 KB, for as
/// long as the tab was open (docs/performance/circuit-memory.md). Loggers are thread-safe and carry nothing of their
/// caller, so sharing one per category changes no line that is written.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, factory) => factory.CreateLogger(name), inner);

    /// <summary>A provider added later would not reach the loggers already cached; the site adds none after start.</summary>
    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the last <see cref="ILoggerFactory"/> registered (Serilog's) in the cache.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } create } => (ILoggerFactory)create(provider),
            { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("The registered ILoggerFactory cannot be made."),
        }));
    }
}
