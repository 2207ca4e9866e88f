using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>The one WCAG check every page test runs: axe-core against WCAG 2.1 A and AA, as rendered.</summary>
public static class AxeChecks
{
    public static async Task AssertNoViolationsAsync(IPage page, string? label = null)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.NotEmpty(result.Passes);
        var violations = result.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(violations.Count == 0, $"{label ?? page.Url}:\n" + string.Join("\n", violations));
    }
}
