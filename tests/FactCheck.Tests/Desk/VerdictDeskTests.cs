using System.Net;
using System.Security.Claims;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Desk;

/// <summary>
/// The verdict desk's rules, roles and concurrency, through the service the form calls, on the real site
/// and database; and the verdict page's own refusals over real HTTP.
/// </summary>
[Trait("Database", "Both")]
public sealed class VerdictDeskTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    private static readonly ClaimsPrincipal Editor = User("writer@example.com", DeskRoles.Editor);
    private static readonly ClaimsPrincipal Chief = User("chief@example.com", DeskRoles.ChiefEditor);

    [Fact]
    public async Task The_verdict_page_sends_anonymous_readers_to_sign_in_and_refuses_an_account_without_a_role()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "page-refusals");
        using (var anonymous = new FormSession(app.BaseAddress))
        {
            using var response = await anonymous.GetAsync(claim.VerdictPath);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>()
                .CreateAsync(new EditorUser { UserName = "no-desk-role@example.com", Email = "no-desk-role@example.com" }, DeskAppFactory.Password);
            Assert.True(created.Succeeded);
        }

        using var session = await app.SignInAsync("no-desk-role@example.com");

        using var refused = await session.GetAsync(claim.VerdictPath);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task An_editor_sees_the_labelled_form_and_only_the_desk_page_loads_the_Blazor_script()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "form-render");
        await app.AddUserAsync("form-viewer@example.com", DeskRoles.Editor);
        using var session = await app.SignInAsync("form-viewer@example.com");

        using var response = await session.GetAsync(claim.VerdictPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Editor pages must say no-store");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        foreach (var label in new[] { "Rating", "Headline", "Rationale", "Claim reviewed" })
        {
            var forId = page.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
            Assert.NotNull(page.GetElementById(forId!));
        }

        var buttons = page.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Save draft", buttons);
        Assert.Contains("Submit for review", buttons);
        Assert.DoesNotContain("Publish", buttons);
        Assert.Contains(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.Contains("blazor.web", StringComparison.Ordinal));

        using var reader = new FormSession(app.BaseAddress);
        var readerPage = await reader.GetPageAsync(claim.Path);
        Assert.Empty(readerPage.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task A_false_rating_without_contradicting_evidence_is_refused_at_the_field_and_saves_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "evidence-rule");
        var before = await RevisionCountAsync();

        var outcome = await ApplyAsync(claim, DeskAction.SaveDraft, Input(claim, rating: "false", evidence: [claim.SupportingEvidenceId]), null, Editor);

        Assert.Equal(DeskOutcomeKind.Invalid, outcome.Kind);
        var message = Assert.Single(outcome.Messages);
        Assert.Equal(nameof(VerdictDraftInput.EvidenceIds), message.Field);
        Assert.Equal("A rating of False needs at least one evidence item that contradicts the claim.", message.Text);
        Assert.Null(await DraftAsync(claim));
        Assert.Equal(before, await RevisionCountAsync());
    }

    [Fact]
    public async Task Missing_and_overlong_fields_each_get_their_message_and_nothing_is_saved()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "field-rules");
        var input = new VerdictDraftInput { Rating = "not-a-rating", Headline = new string('h', VerdictRules.HeadlineMaxLength + 1), Rationale = " " };

        var outcome = await ApplyAsync(claim, DeskAction.SaveDraft, input, null, Editor);

        Assert.Equal(DeskOutcomeKind.Invalid, outcome.Kind);
        Assert.Equal(
            ["Headline", "Rating", "Rationale"],
            outcome.Messages.Select(m => m.Field).Order(StringComparer.Ordinal));
        Assert.Contains($"keep it to {VerdictRules.HeadlineMaxLength}", outcome.Messages.Single(m => m.Field == "Headline").Text, StringComparison.Ordinal);
        Assert.Null(await DraftAsync(claim));
    }

    [Fact]
    public async Task Submitting_needs_the_ClaimReview_checklist_complete()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "checklist-rule");
        var input = Input(claim, claimReviewed: "The amnesty is False and nobody was harmed");

        var outcome = await ApplyAsync(claim, DeskAction.SubmitForReview, input, null, Editor);

        Assert.Equal(DeskOutcomeKind.Invalid, outcome.Kind);
        var message = Assert.Single(outcome.Messages);
        Assert.Equal(nameof(VerdictDraftInput.ClaimReviewed), message.Field);
        Assert.Contains("contains the rating \"False\"", message.Text, StringComparison.Ordinal);
        Assert.Null(await DraftAsync(claim));
    }

    [Fact]
    public async Task A_draft_goes_from_save_to_review_to_publication_and_readers_see_it_only_then()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "full-flow");
        var input = Input(claim, headline: "Full-flow headline: reprisal killings are documented");

        var saved = await ApplyAsync(claim, DeskAction.SaveDraft, input, null, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, saved.Kind);
        Assert.DoesNotContain(input.Headline, await ReaderTextAsync(claim.Path), StringComparison.Ordinal);
        Assert.DoesNotContain(input.Headline, await ReaderTextAsync("/feeds/verdicts.atom"), StringComparison.Ordinal);

        var editorPublishes = await ApplyAsync(claim, DeskAction.Publish, input, saved.Draft!.Version, Editor);
        Assert.Equal(DeskOutcomeKind.Forbidden, editorPublishes.Kind);

        var earlyPublish = await ApplyAsync(claim, DeskAction.Publish, input, saved.Draft.Version, Chief);
        Assert.Equal(DeskOutcomeKind.Invalid, earlyPublish.Kind);

        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, saved.Draft.Version, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        Assert.Equal(VerdictStatus.InReview, submitted.Draft!.Status);

        var published = await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft.Version, Chief);
        Assert.Equal(DeskOutcomeKind.Saved, published.Kind);

        var stored = await app.QueryAsync(db => db.Verdicts.Include(v => v.Evidence).SingleAsync(v => v.ClaimId == claim.Id));
        Assert.Equal(VerdictStatus.Published, stored.Status);
        Assert.Equal([claim.ContradictingEvidenceId], stored.Evidence.Select(e => e.Id));
        var claimPage = await ReaderTextAsync(claim.Path);
        Assert.Contains(input.Headline, claimPage, StringComparison.Ordinal);
        Assert.Contains(input.Headline, await ReaderTextAsync("/feeds/verdicts.atom"), StringComparison.Ordinal);
        var jsonLd = System.Text.Json.JsonDocument.Parse(Html.Parse(claimPage).QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal(input.ClaimReviewed, jsonLd.GetProperty("claimReviewed").GetString());
        Assert.Equal("False", jsonLd.GetProperty("reviewRating").GetProperty("alternateName").GetString());
        Assert.Equal("FactCheck", jsonLd.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(app.BaseAddress.AbsoluteUri, jsonLd.GetProperty("author").GetProperty("url").GetString());

        var audit = await app.QueryAsync(db => db.AuditLog.Where(a => a.Subject == claim.Path).Select(a => new { a.Action, a.Actor }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.SubmittedForReview && a.Actor == "writer@example.com");
        Assert.Contains(audit, a => a.Action == AuditAction.Published && a.Actor == "chief@example.com");

        var revisions = await app.QueryAsync(db => db.Revisions
            .Where(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == stored.Id)
            .OrderBy(r => r.Number).Select(r => r.Reason).ToListAsync());
        Assert.Equal(["Saved draft", "Submitted for review", "Published"], revisions);
    }

    [Fact]
    public async Task Publishing_over_a_published_verdict_needs_a_correction_note()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "correction-rule");
        await PublishAsync(claim, Input(claim));

        var second = Input(claim, rating: "mostly-false", headline: "Revised after new reporting");
        var saved = await ApplyAsync(claim, DeskAction.SubmitForReview, second, null, Editor);
        var refused = await ApplyAsync(claim, DeskAction.Publish, second, saved.Draft!.Version, Chief);

        Assert.Equal(DeskOutcomeKind.Invalid, refused.Kind);
        Assert.Equal(nameof(VerdictDraftInput.CorrectionNote), Assert.Single(refused.Messages).Field);

        second.CorrectionNote = "New UN figures on reprisals.";
        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, second, saved.Draft.Version, Chief)).Kind);
        var notes = await app.QueryAsync(db => db.Verdicts.Where(v => v.ClaimId == claim.Id && v.Status == VerdictStatus.Published).Select(v => v.CorrectionNote).ToListAsync());
        Assert.Equal(2, notes.Count);
        Assert.Contains("New UN figures on reprisals.", notes);
    }

    [Fact]
    public async Task Two_saves_from_the_same_version_give_one_success_and_one_reported_conflict()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "concurrent-saves");
        var first = await ApplyAsync(claim, DeskAction.SaveDraft, Input(claim), null, Editor);
        var version = first.Draft!.Version;

        var outcomes = await Task.WhenAll(
            ApplyAsync(claim, DeskAction.SaveDraft, Input(claim, headline: "Headline from desk A"), version, Editor),
            ApplyAsync(claim, DeskAction.SaveDraft, Input(claim, headline: "Headline from desk B"), version, Chief));

        Assert.Single(outcomes, o => o.Kind == DeskOutcomeKind.Saved);
        var conflict = Assert.Single(outcomes, o => o.Kind == DeskOutcomeKind.Conflict);
        var winner = outcomes.Single(o => o.Kind == DeskOutcomeKind.Saved).Draft!;
        Assert.Equal(winner.Headline, conflict.Theirs!.Headline);
        Assert.Equal(winner.Headline, (await DraftAsync(claim))!.Headline);

        var headlines = await app.QueryAsync(db => db.Revisions
            .Where(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == winner.Id).CountAsync());
        Assert.Equal(2, headlines);
    }

    [Fact]
    public async Task Two_editors_starting_the_first_draft_at_once_give_one_draft_and_one_conflict()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "concurrent-first-drafts");

        var outcomes = await Task.WhenAll(
            ApplyAsync(claim, DeskAction.SaveDraft, Input(claim, headline: "First draft from A"), null, Editor),
            ApplyAsync(claim, DeskAction.SaveDraft, Input(claim, headline: "First draft from B"), null, Chief));

        Assert.Single(outcomes, o => o.Kind == DeskOutcomeKind.Saved);
        Assert.Single(outcomes, o => o.Kind == DeskOutcomeKind.Conflict);
        Assert.Equal(1, await app.QueryAsync(db => db.Verdicts.CountAsync(v => v.ClaimId == claim.Id)));
    }

    private static VerdictDraftInput Input(TestClaim claim, string rating = "false", string headline = "No: reprisal killings are documented", string? claimReviewed = null, int[]? evidence = null) => new()
    {
        Rating = rating,
        Headline = headline,
        ClaimReviewed = claimReviewed ?? "Nobody who served the old government has been harmed",
        Rationale = "Human Rights Watch documented **killings** of former officials.",
        EvidenceIds = [.. evidence ?? [claim.ContradictingEvidenceId]],
    };

    private async Task PublishAsync(TestClaim claim, VerdictDraftInput input)
    {
        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, (await DraftAsync(claim))?.Version, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, Chief)).Kind);
    }

    private async Task<DeskOutcome> ApplyAsync(TestClaim claim, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(claim.Id, action, input, baseVersion, user);
    }

    private async Task<DraftState?> DraftAsync(TestClaim claim)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().LoadAsync(claim.Id))!.Draft;
    }

    private Task<int> RevisionCountAsync() => app.QueryAsync(db => db.Revisions.CountAsync());

    private async Task<string> ReaderTextAsync(string path)
    {
        using var client = app.CreateHttpClient();
        return await client.GetStringAsync(new Uri(path, UriKind.Relative));
    }

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.Name, email), new System.Security.Claims.Claim(ClaimTypes.Role, role)], "test"));
}
