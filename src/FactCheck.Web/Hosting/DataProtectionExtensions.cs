using FactCheck.Data.KeyRing;
using FactCheck.Data.Setup;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace FactCheck.Web.Hosting;

/// <summary>
/// One Data Protection key ring for every instance, kept in the database: a sign-in cookie or an antiforgery
/// token made by one instance is read by any other. See docs/decisions/shared-key-ring.md.
/// </summary>
public static class DataProtectionExtensions
{
    /// <summary>The name every instance protects under; without it, each installation path would be its own application.</summary>
    public const string ApplicationName = "FactCheck";

    public static WebApplicationBuilder AddFactCheckDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new DatabaseKeyRepository(services.GetRequiredService<IServiceScopeFactory>())));
        return builder;
    }

    /// <summary>
    /// Makes the first key under a lock of its own, before the site serves. Left to the framework, two instances
    /// starting at once on an empty key ring would each make a key of their own and use it for a day (the ring
    /// is re-read daily), refusing each other's cookies once the short window in which a missing key triggers
    /// a re-read has passed. With a current key already there, an ordinary start takes no lock.
    /// </summary>
    public static async Task PrepareDataProtectionKeysAsync(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<IKeyManager>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        if (HasCurrentKey(keys, clock.GetUtcNow()))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await using (await scope.ServiceProvider.GetRequiredService<DatabaseSetup>().AcquireKeyRingLockAsync())
        {
            var now = clock.GetUtcNow();
            if (!HasCurrentKey(keys, now))
            {
                var key = keys.CreateNewKey(now, now + app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
                app.Logger.LogInformation("Created the site's Data Protection key {KeyId}, valid until {Expiration:u}", key.KeyId, key.ExpirationDate);
            }
        }
    }

    private static bool HasCurrentKey(IKeyManager keys, DateTimeOffset now) =>
        keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now);
}
