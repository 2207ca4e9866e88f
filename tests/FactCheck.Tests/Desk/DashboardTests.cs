using System.Security.Claims;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Desk;

/// <summary>The desk's front page, as a signed-in editor and chief editor see it over HTTP.</summary>
[Trait("Database", "Both")]
public sealed class DashboardTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task A_submitted_draft_waits_for_review_for_the_chief_and_is_among_the_editors_own_drafts()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "dashboard-queue");
        await app.AddUserAsync("dash-editor@example.com", DeskRoles.Editor);
        await app.AddUserAsync("dash-chief@example.com", DeskRoles.ChiefEditor);

        using (var editorBefore = await app.SignInAsync("dash-editor@example.com"))
        {
            var before = await editorBefore.GetPageAsync("/editor");
            Assert.Contains(Section(before, "Claims without a verdict").QuerySelectorAll("a"), a => a.GetAttribute("href") == claim.VerdictPath);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var editor = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "dash-editor@example.com"), new Claim(ClaimTypes.Role, DeskRoles.Editor)], "test"));
            var outcome = await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(
                claim.Id,
                DeskAction.SubmitForReview,
                new VerdictDraftInput
                {
                    Rating = "false",
                    Headline = "Dashboard queue headline",
                    ClaimReviewed = "Nobody who served the old government was harmed",
                    Rationale = "Documented killings.",
                    EvidenceIds = [claim.ContradictingEvidenceId],
                },
                null,
                editor);
            Assert.Equal(DeskOutcomeKind.Saved, outcome.Kind);
        }

        using var chief = await app.SignInAsync("dash-chief@example.com");
        var chiefDesk = await chief.GetPageAsync("/editor");
        var queue = Section(chiefDesk, "Drafts waiting for review");
        var row = Assert.Single(queue.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Dashboard queue headline", StringComparison.Ordinal));
        Assert.Equal(claim.VerdictPath, row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("In review (submitted by dash-editor@example.com)", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Section(chiefDesk, "Claims without a verdict").QuerySelectorAll("a"), a => a.GetAttribute("href") == claim.VerdictPath);
        var change = Section(chiefDesk, "Recent changes").QuerySelectorAll("tbody tr")[0];
        Assert.Contains("dash-editor@example.com", change.TextContent, StringComparison.Ordinal);
        Assert.Contains("Submitted for review", change.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/editor/claims/{claim.Id}/history", change.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain(Section(chiefDesk, "My drafts").QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Dashboard queue headline", StringComparison.Ordinal));

        using var editorAfter = await app.SignInAsync("dash-editor@example.com");
        var editorDesk = await editorAfter.GetPageAsync("/editor");
        Assert.Contains(Section(editorDesk, "My drafts").QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Dashboard queue headline", StringComparison.Ordinal));
    }

    private static AngleSharp.Dom.IElement Section(AngleSharp.Html.Dom.IHtmlDocument page, string heading) =>
        page.QuerySelectorAll("section").Single(s => s.QuerySelector("h2")?.TextContent.Trim() == heading);
}
