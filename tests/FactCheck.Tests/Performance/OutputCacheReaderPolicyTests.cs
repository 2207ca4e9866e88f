using FactCheck.Web.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Performance;

/// <summary>
/// The framework builds no cache key for a path or value holding its key separators (U+001E, U+001F) and
/// then makes every such request wait on, and be served, the one render in flight under the empty key: two
/// different searches arriving together could get the same page. The policy must not cache them at all.
/// Checked on the policy itself, because the wrong answer needs two requests to overlap in time.
/// </summary>
public class OutputCacheReaderPolicyTests
{
    [Theory]
    [InlineData("/search", "?q=amnesty%1E")]
    [InlineData("/search", "?q=amnesty&kind=claims%1F")]
    [InlineData("/claims/1/a\u001Eb", "")]
    [InlineData("/sources/1/a\u001Fb", "?fbclid=x")]
    public async Task A_request_whose_key_would_hold_a_separator_is_not_cached(string path, string query)
    {
        var context = await CacheRequestAsync(path, query);

        Assert.False(context.EnableOutputCaching);
    }

    [Theory]
    [InlineData("/search", "?q=amnesty")]
    [InlineData("/claims/1/slug", "?fbclid=a%1Eb")]
    public async Task A_request_without_separators_in_what_its_page_reads_is_cached(string path, string query)
    {
        var context = await CacheRequestAsync(path, query);

        Assert.True(context.EnableOutputCaching);
        Assert.True(context.AllowCacheStorage);
    }

    private static async Task<OutputCacheContext> CacheRequestAsync(string path, string query)
    {
        var httpContext = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<OutputCacheGeneration>().BuildServiceProvider(),
        };
        httpContext.Request.Method = HttpMethods.Get;
        httpContext.Request.Path = new PathString(path);
        httpContext.Request.QueryString = new QueryString(query);
        var context = new OutputCacheContext { HttpContext = httpContext };

        await ((IOutputCachePolicy)new OutputCacheReaderPolicy(TimeSpan.FromMinutes(1))).CacheRequestAsync(context, CancellationToken.None);
        return context;
    }
}
