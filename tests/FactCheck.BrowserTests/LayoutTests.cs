using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FactCheck.BrowserTests;

/// <summary>
/// The layout as a reader meets it, on a phone (390 px) and a laptop (1,280 px): the claim page puts its
/// evidence near the claim, no page scrolls sideways, every page stays WCAG AA as laid out at that width, and
/// each kind of page is photographed for the README (into the test output's screenshots folder).
/// </summary>
[Collection(BrowserCollection.Name)]
public class LayoutTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };

    public static TheoryData<string, int> PagesAtBothWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var page in new[] { "home", "claims", "claim", "claimant", "topic", "search", "source", "not-found" })
        {
            data.Add(page, Phone.Width);
            data.Add(page, Laptop.Width);
        }

        return data;
    }

    [Fact]
    public async Task On_a_phone_the_evidence_starts_within_the_first_two_screens()
    {
        var balki = await SeededClaims.LoadAsync(fixture.App, SeededClaims.BalkiKey);
        await using var context = await NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(balki.Path);

        var statement = await BoxAsync(page.Locator(".statement"));
        var verdict = await BoxAsync(page.Locator("#verdict-heading"));
        var evidence = await BoxAsync(page.GetByRole(AriaRole.Heading, new() { Name = "Evidence", Exact = true }));

        // Claim, verdict, evidence, in that order down the screen, and the evidence within two screens' scroll.
        Assert.True(statement.Y < verdict.Y && verdict.Y < evidence.Y, $"statement {statement.Y}, verdict {verdict.Y}, evidence {evidence.Y}");
        Assert.True(evidence.Y < 2 * Phone.Height, $"the Evidence heading starts {evidence.Y}px down a {Phone.Height}px screen");

        // Everything else about the claim comes after its evidence.
        var reported = await BoxAsync(page.GetByRole(AriaRole.Heading, new() { Name = "Where this claim was reported" }));
        Assert.True(reported.Y > evidence.Y, $"\"Where this claim was reported\" at {reported.Y}px, above the evidence at {evidence.Y}px");
    }

    [Fact]
    public async Task On_a_laptop_the_evidence_sits_beside_the_claim_on_the_first_screen()
    {
        var balki = await SeededClaims.LoadAsync(fixture.App, SeededClaims.BalkiKey);
        await using var context = await NewContextAsync(Laptop);
        var page = await context.NewPageAsync();
        await page.GotoAsync(balki.Path);

        var statement = await BoxAsync(page.Locator(".statement"));
        var evidence = await BoxAsync(page.GetByRole(AriaRole.Heading, new() { Name = "Evidence", Exact = true }));

        Assert.True(evidence.X >= statement.X + statement.Width, $"evidence at x={evidence.X}, statement ends at x={statement.X + statement.Width}");
        Assert.True(evidence.Y < Laptop.Height, $"the Evidence heading starts {evidence.Y}px down an {Laptop.Height}px screen");
    }

    [Fact]
    public async Task On_a_laptop_the_navigation_starts_where_the_content_does()
    {
        await using var context = await NewContextAsync(Laptop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/claims");

        var firstLink = await BoxAsync(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).First);
        var heading = await BoxAsync(page.Locator("main h1"));

        Assert.InRange(firstLink.X - heading.X, -1, 1);
        // The frame is centred and uses the laptop's width: no more than a tenth of it left empty on either side.
        Assert.InRange(heading.X, 0, Laptop.Width / 10);
    }

    [Theory]
    [MemberData(nameof(PagesAtBothWidths))]
    public async Task Page_fits_the_width_passes_WCAG_AA_and_is_photographed(string kind, int width)
    {
        var path = await PathOfAsync(kind);
        var viewport = width == Phone.Width ? Phone : Laptop;
        await using var context = await NewContextAsync(viewport);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{path} at {width}px scrolls sideways: {scrollWidth}px wide");

        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{kind}-{width}.png") });

        await AxeChecks.AssertNoViolationsAsync(page, $"{path} at {width}px");
    }

    private async Task<string> PathOfAsync(string kind)
    {
        var balki = await SeededClaims.LoadAsync(fixture.App, SeededClaims.BalkiKey);
        return kind switch
        {
            "home" => "/",
            "claims" => "/claims",
            "claim" => balki.Path,
            "claimant" => await fixture.App.QueryAsync(db => db.Claims.AsNoTracking()
                .Where(c => c.Id == balki.Id)
                .Select(c => "/claimants/" + c.Claimant.Slug)
                .SingleAsync()),
            "topic" => "/topics/taliban-amnesty-pledges",
            "search" => "/search?q=amnesty",
            "source" => balki.Evidence[0].SourcePath,
            "not-found" => "/no-such-page",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such kind of page."),
        };
    }

    private async Task<IBrowserContext> NewContextAsync(ViewportSize viewport) =>
        // axe is injected as a script, which the site's Content-Security-Policy rightly forbids; only the
        // test's browser bypasses it.
        await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseAddress.ToString(),
            ViewportSize = viewport,
            IsMobile = viewport.Width < 600,
            BypassCSP = true,
        });

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not laid out");
}
