using System.Net;
using FactCheck.Tests.Performance;

namespace FactCheck.Tests.Api;

/// <summary>
/// A full page of any API list is one query for the rows (one row past the page says whether there is a next)
/// and one for Last-Modified, whatever the page size: never a query per record.
/// </summary>
[Trait("Database", "Both")]
public sealed class ApiQueryCountTests(QueryCountAppFactory app) : IClassFixture<QueryCountAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    [Theory]
    [InlineData("/api/claims?pageSize=100")]
    [InlineData("/api/claims?pageSize=100&rating=misleading&sort=rating")]
    [InlineData("/api/verdicts?pageSize=100")]
    [InlineData("/api/sources?pageSize=100")]
    [InlineData("/api/claimants?pageSize=100")]
    public async Task A_page_of_100_is_two_queries(string path)
    {
        var commands = await CommandsForAsync(path);
        Assert.True(commands.Count == 2, $"{path} ran {commands.Count} commands:\n{string.Join("\n---\n", commands)}");
    }

    [Fact]
    public async Task A_claim_is_read_in_a_fixed_number_of_queries()
    {
        var commands = await CommandsForAsync("/api/claims/1");

        // The claim, its topics, evidence, appearances, verdicts, then Last-Modified.
        Assert.True(commands.Count == 6, $"ran {commands.Count} commands:\n{string.Join("\n---\n", commands)}");
    }

    public void Dispose() => _client.Dispose();

    private async Task<IReadOnlyList<string>> CommandsForAsync(string path)
    {
        _ = app.BaseAddress;
        while (app.Commands.TryDequeue(out _))
        {
        }

        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}");
        await response.Content.ReadAsStringAsync();
        return app.Commands.Where(c => c.Request == path).Select(c => c.Sql).ToList();
    }
}
