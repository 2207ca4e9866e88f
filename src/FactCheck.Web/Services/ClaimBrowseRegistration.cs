namespace FactCheck.Web.Services;

public static class ClaimBrowseRegistration
{
    /// <summary>The services behind /claims, /claimants/{slug}, /topics and the verdicts feed.</summary>
    public static IServiceCollection AddClaimBrowsing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(BrowseOptions.FromConfiguration(configuration));
        services.AddScoped<ClaimBrowseService>();
        services.AddScoped<ClaimantPageService>();
        services.AddScoped<TopicPageService>();
        services.AddScoped<FeedService>();
        return services;
    }
}
