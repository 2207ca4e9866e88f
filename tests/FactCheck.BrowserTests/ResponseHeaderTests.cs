using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>The browser accepts the site's response headers as sent: nothing it does not understand, nothing it reports.</summary>
[Collection(BrowserCollection.Name)]
public class ResponseHeaderTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    public async Task Chromium_reports_no_problem_with_the_permissions_policy(string path)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, message) => messages.Add($"{message.Type}: {message.Text}");

        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var complaints = messages.Where(m => m.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Permissions policy", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(complaints.Count == 0, string.Join("\n", complaints));
    }
}
