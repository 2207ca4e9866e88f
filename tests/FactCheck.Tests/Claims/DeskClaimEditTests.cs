using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Claims;

/// <summary>
/// The claim desk's "Edit the claim" form over real HTTP, signed in through the sign-in form: the edit and
/// its revision, the old address's 301, the stale form that must not overwrite, and bad input.
/// </summary>
[Trait("Database", "Both")]
public sealed class DeskClaimEditTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task Editing_the_summary_moves_the_claim_to_a_new_slug_and_the_old_address_answers_301()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "edit-summary");
        using var session = await EditorAsync("edit-summary@example.org");
        var page = await session.GetPageAsync(Desk(claim.Id));

        using var response = await session.SubmitFormAsync(Desk(claim.Id), page, "Save the claim", DeskForms.EditFormAsBrowser(page, new Dictionary<string, string>
        {
            ["Summary"] = "Nobody who served the old government was harmed, says the desk",
            ["The quote is verbatim"] = "True",
            ["Said where"] = "Kabul, news conference",
            ["Why this change"] = "The summary named the wrong group",
        }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var saved = await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claim.Id));
        Assert.Equal("nobody-who-served-the-old-government-was-harmed-says-the-desk", saved.Slug);
        Assert.Equal("Kabul, news conference", saved.SaidWhere);
        Assert.True(saved.IsVerbatim);
        var revision = await app.QueryAsync(db => db.Revisions.AsNoTracking()
            .Where(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == claim.Id).OrderByDescending(r => r.Number).FirstAsync());
        Assert.Equal(("edit-summary@example.org", "The summary named the wrong group"), (revision.Author, revision.Reason));

        using var reader = app.CreateHttpClient();
        using var old = await reader.GetAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/claims/{claim.Id}/{saved.Slug}", old.Headers.Location?.OriginalString);
        using var current = await reader.GetAsync(old.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var shown = Html.Parse(await current.Content.ReadAsStringAsync());
        Assert.Equal("Nobody who served the old government was harmed, says the desk", shown.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_form_opened_before_someone_elses_save_is_refused_and_shows_the_current_values()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "edit-stale");
        using var session = await EditorAsync("edit-stale@example.org");
        var page = await session.GetPageAsync(Desk(claim.Id));

        // A colleague saves while this editor's form is open.
        await app.QueryAsync(async db =>
        {
            var row = await db.Claims.SingleAsync(c => c.Id == claim.Id);
            row.SaidWhere = "The colleague's place";
            db.Attribution = new FactCheck.Data.ChangeAttribution("colleague@example.org", "Place from the transcript");
            return await db.SaveChangesAsync();
        });
        var revisionsBefore = await RevisionCountAsync(claim.Id);

        using var response = await session.SubmitFormAsync(Desk(claim.Id), page, "Save the claim", DeskForms.EditFormAsBrowser(page, new Dictionary<string, string>
        {
            ["Said where"] = "My stale place",
            ["The quote is verbatim"] = "True",
            ["Why this change"] = "My edit",
        }));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var shown = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Someone else changed this claim since you opened it", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("The colleague's place", InputValue(shown, "Said where"));
        Assert.Equal("The colleague's place", await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidWhere).SingleAsync()));
        Assert.Equal(revisionsBefore, await RevisionCountAsync(claim.Id));
    }

    [Fact]
    public async Task An_edit_without_a_reason_or_with_a_bad_date_gets_messages_at_the_fields_and_saves_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "edit-invalid");
        using var session = await EditorAsync("edit-invalid@example.org");
        var page = await session.GetPageAsync(Desk(claim.Id));
        var revisionsBefore = await RevisionCountAsync(claim.Id);

        using var response = await session.SubmitFormAsync(Desk(claim.Id), page, "Save the claim", DeskForms.EditFormAsBrowser(page, new Dictionary<string, string>
        {
            ["Summary"] = "A summary that must not be saved",
            ["Said on"] = "the thirty-second of May",
            ["Why this change"] = "   ",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = Html.Parse(await response.Content.ReadAsStringAsync());
        var messages = shown.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("is not a date", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Say why this change is made", StringComparison.Ordinal));
        var saved = await app.QueryAsync(db => db.Claims.AsNoTracking().SingleAsync(c => c.Id == claim.Id));
        Assert.Equal(claim.Slug, saved.Slug);
        Assert.Equal(revisionsBefore, await RevisionCountAsync(claim.Id));
    }

    [Fact]
    public async Task The_said_on_date_keeps_the_precision_typed()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "edit-month");
        using var session = await EditorAsync("edit-month@example.org");
        var page = await session.GetPageAsync(Desk(claim.Id));

        using var response = await session.SubmitFormAsync(Desk(claim.Id), page, "Save the claim", DeskForms.EditFormAsBrowser(page, new Dictionary<string, string>
        {
            ["Said on"] = "November 2021",
            ["Why this change"] = "Only the month is on the record",
        }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var saidOn = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidOn).SingleAsync());
        Assert.Equal(ReportedDate.Month(2021, 11), saidOn);
        Assert.False(await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.IsVerbatim).SingleAsync()));
    }

    [Fact]
    public async Task Anonymous_readers_are_sent_to_sign_in_and_the_history_and_verdict_pages_link_the_claim_desk()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "edit-anonymous");
        using var anonymous = app.CreateHttpClient();
        using var response = await anonymous.GetAsync(new Uri(Desk(claim.Id), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/account/login", new Uri(app.BaseAddress, response.Headers.Location!).AbsolutePath);

        using var session = await EditorAsync("edit-nav@example.org");
        foreach (var path in new[] { $"/editor/claims/{claim.Id}/history", claim.VerdictPath })
        {
            var page = await session.GetPageAsync(path);
            Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == Desk(claim.Id));
        }
    }

    private static string Desk(int claimId) => $"/editor/claims/{claimId}";

    private static string? InputValue(IHtmlDocument page, string label)
    {
        var labelElement = Assert.Single(page.QuerySelectorAll<IHtmlLabelElement>("label"), l => l.TextContent.Trim() == label);
        return (page.GetElementById(labelElement.HtmlFor!) as IHtmlInputElement)?.Value;
    }

    private Task<int> RevisionCountAsync(int claimId) =>
        app.QueryAsync(db => db.Revisions.CountAsync(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == claimId));

    private async Task<FormSession> EditorAsync(string email)
    {
        await app.AddUserAsync(email, DeskRoles.Editor);
        return await app.SignInAsync(email);
    }
}
