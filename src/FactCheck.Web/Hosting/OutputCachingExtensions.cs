using FactCheck.Data;
using FactCheck.Web.Caching;

namespace FactCheck.Web.Hosting;

public static class OutputCachingExtensions
{
    /// <summary>
    /// ASP.NET Core output caching for the reader's pages (<see cref="OutputCacheReaderPolicy"/>, applied as
    /// the base policy so that every reader page is covered whoever maps it), and the listener the DbContext
    /// tells of every committed save, which evicts pages when a save changes what they show (<see cref="OutputCacheEviction"/>).
    /// </summary>
    public static WebApplicationBuilder AddFactCheckOutputCache(this WebApplicationBuilder builder)
    {
        var settings = OutputCacheSettings.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = settings.SizeLimitBytes;

            // Slugs are case-sensitive: /claims/5/RIGHT-SLUG must reach the page and get its 301 to the
            // canonical URL, not the cached 200 of /claims/5/right-slug.
            options.UseCaseSensitivePaths = true;
            options.DefaultExpirationTimeSpan = settings.Expiry;
            var policy = new OutputCacheReaderPolicy(settings.Expiry);
            options.AddBasePolicy(policy);
            options.AddPolicy(OutputCacheReaderPolicy.Name, policy);
        });

        builder.Services.AddSingleton<OutputCacheGeneration>();

        // Evictions cross processes through the database: notices written after each local eviction, read by
        // every other instance (docs/decisions/output-caching.md). Commands publish but never subscribe: they
        // run no hosted services and cache nothing.
        builder.Services.AddSingleton(CacheEvictionSettings.FromConfiguration(builder.Configuration, settings));
        builder.Services.AddSingleton<CacheInstance>();
        builder.Services.AddSingleton<CacheEvictionPublisher>();
        if (settings.Enabled)
        {
            builder.Services.AddSingleton<CacheEvictionSubscriber>();
            builder.Services.AddHostedService(services => services.GetRequiredService<CacheEvictionSubscriber>());
        }

        builder.Services.AddSingleton<OutputCacheEviction>();
        builder.Services.AddSingleton<ISavedChangesListener>(services => services.GetRequiredService<OutputCacheEviction>());
        return builder;
    }

    /// <summary>The middleware, unless OutputCache:Enabled is false (eviction then has nothing to evict).</summary>
    public static WebApplication UseFactCheckOutputCache(this WebApplication app)
    {
        if (app.Services.GetRequiredService<OutputCacheSettings>().Enabled)
        {
            app.UseOutputCache();
        }

        return app;
    }
}
