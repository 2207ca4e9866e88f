using System.Net;
using System.Security.Claims;
using System.Xml.Linq;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using FactCheck.Web.Features.Home;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Desk;

/// <summary>
/// A verdict the desk publishes is published today: it carries today's UTC date and goes to the top of the
/// feed and of the home page's latest verdicts, above the archive's older dates. Its own site, since it publishes.
/// </summary>
[Trait("Database", "Both")]
public sealed class DeskPublicationDateTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly ClaimsPrincipal Editor = User("dates-writer@example.com", DeskRoles.Editor);
    private static readonly ClaimsPrincipal Chief = User("dates-chief@example.com", DeskRoles.ChiefEditor);

    [Fact]
    public async Task A_desk_published_verdict_is_dated_today_and_leads_the_feed_and_the_home_page()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "publication-date");
        var input = new VerdictDraftInput
        {
            Rating = "false",
            Headline = "No: reprisal killings are documented",
            ClaimReviewed = "Nobody who served the old government has been harmed",
            Rationale = "Human Rights Watch documented **killings** of former officials.",
            EvidenceIds = [claim.ContradictingEvidenceId],
        };
        var saved = await ApplyAsync(claim, DeskAction.SaveDraft, input, null, Editor);
        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, saved.Draft!.Version, Editor);
        var before = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, Chief)).Kind);
        var after = DateOnly.FromDateTime(DateTime.UtcNow);

        var verdict = await app.QueryAsync(db => db.Verdicts.AsNoTracking().SingleAsync(v => v.ClaimId == claim.Id && v.Status == VerdictStatus.Published));
        Assert.NotNull(verdict.PublishedOn);
        Assert.Equal(DatePrecision.Day, verdict.PublishedOn.Value.Precision);
        Assert.InRange(verdict.PublishedOn.Value.Date, before, after);
        Assert.Equal(DateOnly.FromDateTime(verdict.PublishedAtUtc!.Value), verdict.PublishedOn.Value.Date);

        using var client = app.CreateHttpClient();
        using var response = await client.GetAsync(new Uri("/feeds/verdicts.atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry").First();
        Assert.EndsWith($":verdict-{verdict.Id}", first.Element(Atom + "id")!.Value, StringComparison.Ordinal);
        Assert.Equal(verdict.PublishedOn.Value.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z", first.Element(Atom + "published")!.Value);

        await using var scope = app.Services.CreateAsyncScope();
        var home = await scope.ServiceProvider.GetRequiredService<HomePageService>().GetAsync();
        var top = home.LatestVerdicts[0];
        Assert.Equal(claim.Id, top.ClaimId);
        Assert.True(top.Shown.IsPublication);
        Assert.Equal("Published", top.ShownPrefix);
        Assert.Equal(verdict.PublishedOn.Value.ToDisplayString(), top.ShownDisplay);

        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = Html.Parse(await page.Content.ReadAsStringAsync());
        Assert.Equal(claim.Path, html.QuerySelector("section.latest .card__title a")?.GetAttribute("href"));
    }

    private async Task<DeskOutcome> ApplyAsync(TestClaim claim, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(claim.Id, action, input, baseVersion, user);
    }

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.Name, email), new System.Security.Claims.Claim(ClaimTypes.Role, role)], "test"));
}
