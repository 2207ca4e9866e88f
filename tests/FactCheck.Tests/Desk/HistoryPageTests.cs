using System.Net;
using AngleSharp.Html.Dom;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Desk;

/// <summary>
/// The history page over real HTTP, signed in through the sign-in form: the revisions an edit leaves, the
/// diff between two of them, and restoring an old one as a new revision.
/// </summary>
[Trait("Database", "Both")]
public sealed class HistoryPageTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task An_edit_is_listed_newest_first_with_its_author_reason_and_changed_field()
    {
        var claim = await SeededClaims.LoadAsync(app, "shaheen-cnn-video-fake");
        await EditClaimAsync(claim.Id, c => c.SaidWhere = "Doha, by telephone", "someone@example.org", "Place confirmed by the reporter");
        using var session = await EditorAsync("lister@example.org");

        using var response = await session.GetAsync(History(claim.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "an editor page must say no-store");
        var rows = Rows(Html.Parse(await response.Content.ReadAsStringAsync()));

        Assert.Equal([$"Claim {claim.Id}", "2", "Updated", "SaidWhere", "someone@example.org", "Place confirmed by the reporter"], rows[0].Take(6));
        Assert.Contains(rows, r => r[0] == $"Claim {claim.Id}" && r[1] == "1" && r[2] == "Created" && r[4] == "archive import");
        Assert.Contains(rows, r => r[0].StartsWith("Verdict ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0].StartsWith("Evidence ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r[0].StartsWith("Source ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_diff_of_two_revisions_marks_the_old_line_removed_and_the_new_line_added()
    {
        var claim = await SeededClaims.LoadAsync(app, "taliban-2021-interpreters-not-in-danger");
        var before = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidWhere).SingleAsync());
        await EditClaimAsync(claim.Id, c => c.SaidWhere = "Kabul airport, press briefing", "someone@example.org", "Corrected place");
        using var session = await EditorAsync("differ@example.org");

        var page = await session.GetPageAsync($"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=1&to=2");

        var removed = Assert.Single(page.QuerySelectorAll("table.diff tr.diff__deleted"));
        Assert.Equal("− Removed", removed.QuerySelector("th")?.TextContent);
        Assert.Equal($"SaidWhere: {before ?? "(none)"}", removed.QuerySelector("td > del")?.TextContent);
        var added = Assert.Single(page.QuerySelectorAll("table.diff tr.diff__inserted"));
        Assert.Equal("+ Added", added.QuerySelector("th")?.TextContent);
        Assert.Equal("SaidWhere: Kabul airport, press briefing", added.QuerySelector("td > ins")?.TextContent);
        Assert.Contains(page.QuerySelectorAll("table.diff tr.diff__unchanged td"), td => td.TextContent.StartsWith("Summary: ", StringComparison.Ordinal));
        Assert.Equal("col", page.QuerySelector("table.diff thead th")?.GetAttribute("scope"));
    }

    [Fact]
    public async Task A_rationale_is_compared_line_by_line()
    {
        var claim = await SeededClaims.LoadAsync(app, "mujahid-amnesty-for-all-employees");
        var verdictId = await app.QueryAsync(db => db.Verdicts.Where(v => v.ClaimId == claim.Id).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());
        await app.QueryAsync(async db =>
        {
            var verdict = await db.Verdicts.SingleAsync(v => v.Id == verdictId);
            verdict.RationaleMarkdown += "\n\nA paragraph added in review.";
            db.Attribution = new ChangeAttribution("someone@example.org", "Clarified");
            return await db.SaveChangesAsync();
        });
        using var session = await EditorAsync("lines@example.org");

        var page = await session.GetPageAsync($"{History(claim.Id)}?entity=Verdict&id={verdictId}&from=1&to=2");

        var added = page.QuerySelectorAll("table.diff tr.diff__inserted ins").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("A paragraph added in review.", added);
        Assert.Empty(page.QuerySelectorAll("table.diff tr.diff__deleted"));
    }

    [Fact]
    public async Task Restoring_saves_the_old_value_as_the_next_revision_and_leaves_earlier_ones_untouched()
    {
        var claim = await SeededClaims.LoadAsync(app, "taliban-2018-invitation-jihadi-leaders");
        var original = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidWhere).SingleAsync());
        await EditClaimAsync(claim.Id, c => c.SaidWhere = "A place nobody reported", "someone@example.org", "Mistaken edit");
        var earlier = await ClaimRevisionsAsync(claim.Id);
        using var session = await EditorAsync("restorer@example.org");
        var path = $"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=1&to=2";
        var page = await session.GetPageAsync(path);

        using var response = await session.SubmitFormAsync(path, page, "Restore revision 1", new Dictionary<string, string> { ["Reason"] = "The edit named the wrong place" });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(original, await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidWhere).SingleAsync()));
        var after = await ClaimRevisionsAsync(claim.Id);
        Assert.Equal([1, 2, 3], after.Select(r => r.Number));
        Assert.Equal(earlier, after.Take(2));
        Assert.Equal("restorer@example.org", after[2].Author);
        Assert.Equal("Restored revision 1: The edit named the wrong place", after[2].Reason);
        Assert.Equal("SaidWhere", after[2].ChangedFields);

        var shown = await session.GetPageAsync(response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
        Assert.Contains("Restored", shown.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Restored revision 1: The edit named the wrong place", Rows(shown)[0][5]);
    }

    [Fact]
    public async Task A_restore_without_a_reason_is_refused_with_a_message_and_saves_nothing()
    {
        var claim = await SeededClaims.LoadAsync(app, "blinken-2021-no-immediate-deterioration");
        await EditClaimAsync(claim.Id, c => c.SaidWhere = "Somewhere else", "someone@example.org", "Edit to undo");
        var earlier = await ClaimRevisionsAsync(claim.Id);
        using var session = await EditorAsync("noreason@example.org");
        var path = $"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=1&to=2";
        var page = await session.GetPageAsync(path);

        using var response = await session.SubmitFormAsync(path, page, "Restore revision 1", new Dictionary<string, string> { ["Reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Give a reason", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(earlier, await ClaimRevisionsAsync(claim.Id));
    }

    [Fact]
    public async Task A_restore_posted_without_its_antiforgery_token_is_refused()
    {
        var claim = await SeededClaims.LoadAsync(app, "blinken-2021-no-immediate-deterioration");
        using var session = await EditorAsync("forger@example.org");
        var path = $"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=1&to=1";
        var before = await ClaimRevisionsAsync(claim.Id);

        using var response = await session.PostAsync(path, new Dictionary<string, string>
        {
            ["_handler"] = "restore",
            ["Input.Entity"] = "Claim",
            ["Input.Id"] = claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Number"] = "1",
            ["Input.Reason"] = "Forged",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await ClaimRevisionsAsync(claim.Id));
    }

    [Fact]
    public async Task Restoring_a_published_verdict_goes_into_a_working_draft_and_reports_a_draft_changed_meanwhile()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.RamadanAmnestyKey);
        var published = await app.QueryAsync(db => db.Verdicts.AsNoTracking().SingleAsync(v => v.ClaimId == claim.Id && v.Status == VerdictStatus.Published));
        await app.QueryAsync(async db =>
        {
            var verdict = await db.Verdicts.SingleAsync(v => v.Id == published.Id);
            verdict.Headline = "A headline that went out by mistake";
            db.Attribution = new ChangeAttribution("someone@example.org", "Typo fix gone wrong");
            return await db.SaveChangesAsync();
        });
        using var session = await EditorAsync("drafter@example.org");
        var path = $"{History(claim.Id)}?entity=Verdict&id={published.Id}&from=1&to=2";
        var page = await session.GetPageAsync(path);
        Assert.Contains("published, so restoring does not change it", page.QuerySelector(".revision-diff")?.TextContent, StringComparison.Ordinal);

        using (var restored = await session.SubmitFormAsync(path, page, "Restore revision 1", new Dictionary<string, string> { ["Reason"] = "Back to the reviewed headline" }))
        {
            Assert.Equal(HttpStatusCode.Found, restored.StatusCode);
        }

        var verdicts = await app.QueryAsync(db => db.Verdicts.AsNoTracking().Where(v => v.ClaimId == claim.Id).OrderBy(v => v.Id).ToListAsync());
        Assert.Equal("A headline that went out by mistake", verdicts.Single(v => v.Id == published.Id).Headline);
        var draft = Assert.Single(verdicts, v => v.Status == VerdictStatus.Draft);
        Assert.Equal(published.Headline, draft.Headline);
        Assert.Equal(published.Rating, draft.Rating);
        var draftRevision = await app.QueryAsync(db => db.Revisions.SingleAsync(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == draft.Id));
        Assert.Equal("Restored revision 1: Back to the reviewed headline", draftRevision.Reason);

        // A colleague saves the draft after this page was opened: the second restore must not overwrite them.
        page = await session.GetPageAsync(path);
        await app.QueryAsync(async db =>
        {
            var theirs = await db.Verdicts.SingleAsync(v => v.Id == draft.Id);
            theirs.Headline = "The colleague's headline";
            return await db.SaveChangesAsync();
        });
        using var conflict = await session.SubmitFormAsync(path, page, "Restore revision 1", new Dictionary<string, string> { ["Reason"] = "Again" });
        var shown = Html.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("changed since you opened this page", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("The colleague's headline", await app.QueryAsync(db => db.Verdicts.Where(v => v.Id == draft.Id).Select(v => v.Headline).SingleAsync()));
    }

    [Fact]
    public async Task Revision_numbers_that_do_not_exist_get_a_message_and_an_unknown_claim_the_not_found_page()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        using var session = await EditorAsync("typist@example.org");

        var missing = await session.GetPageAsync($"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=1&to=99");
        Assert.Contains("has no revision 99", missing.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var nonsense = await session.GetPageAsync($"{History(claim.Id)}?entity=Claim&id={claim.Id}&from=x&to=-1");
        Assert.Contains("is not a revision number", nonsense.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var elsewhere = await session.GetPageAsync($"{History(claim.Id)}?entity=Verdict&id=999999");
        Assert.Contains("not part of this claim's history", elsewhere.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);

        using var unknown = await session.GetAsync(History(999_999));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Anonymous_readers_are_sent_to_sign_in_and_editors_may_not_read_the_audit_log()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        using var anonymous = new FormSession(app.BaseAddress);
        foreach (var path in new[] { History(claim.Id), "/editor/audit" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        }

        using var editor = await EditorAsync("curious@example.org");
        using (var refused = await editor.GetAsync("/editor/audit"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await app.AddUserAsync("chief-reader@example.org", DeskRoles.ChiefEditor);
        using var chief = await app.SignInAsync("chief-reader@example.org");
        using var allowed = await chief.GetAsync("/editor/audit");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True(allowed.Headers.CacheControl?.NoStore, "the audit log must say no-store");
    }

    [Fact]
    public async Task Sign_ins_and_failed_sign_ins_are_in_the_audit_log_with_the_email_typed_and_the_address()
    {
        await app.AddUserAsync("audited@example.org", DeskRoles.Editor);
        using (await app.SignInAsync("audited@example.org"))
        {
        }

        using (var failing = new FormSession(app.BaseAddress))
        using (var failed = await failing.SubmitAsync("/account/login", new Dictionary<string, string> { ["Email"] = "nobody-here@example.org", ["Password"] = "not the password at all" }, "Sign in"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        await app.AddUserAsync("auditor@example.org", DeskRoles.ChiefEditor);
        using var chief = await app.SignInAsync("auditor@example.org");
        var failures = Rows(await chief.GetPageAsync("/editor/audit?action=SignInFailed"), "table.desk-table");
        var failure = Assert.Single(failures, r => r[2] == "nobody-here@example.org");
        Assert.Equal(["Failed sign-in", "127.0.0.1"], [failure[1], failure[5]]);
        Assert.All(failures, r => Assert.Equal("Failed sign-in", r[1]));

        var all = Rows(await chief.GetPageAsync("/editor/audit"), "table.desk-table");
        Assert.Contains(all, r => r[1] == "Signed in" && r[2] == "audited@example.org" && r[5] == "127.0.0.1");
        Assert.Contains(all, r => r[1] == "Account added" && r[3] == "audited@example.org");
        Assert.Equal("auditor@example.org", all[0][2]);
    }

    private static string History(int claimId) => $"/editor/claims/{claimId}/history";

    private async Task<FormSession> EditorAsync(string email)
    {
        await app.AddUserAsync(email, DeskRoles.Editor);
        return await app.SignInAsync(email);
    }

    private Task<int> EditClaimAsync(int claimId, Action<Claim> edit, string author, string reason) =>
        app.QueryAsync(async db =>
        {
            edit(await db.Claims.SingleAsync(c => c.Id == claimId));
            db.Attribution = new ChangeAttribution(author, reason);
            return await db.SaveChangesAsync();
        });

    private Task<List<(int Number, string Snapshot, string Author, string? Reason, string ChangedFields)>> ClaimRevisionsAsync(int claimId) =>
        app.QueryAsync(async db => (await db.Revisions.AsNoTracking()
                .Where(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == claimId)
                .OrderBy(r => r.Number)
                .ToListAsync())
            .Select(r => (r.Number, r.Snapshot, r.Author, r.Reason, r.ChangedFields))
            .ToList());

    private static List<string[]> Rows(IHtmlDocument page, string table = "table.revisions") =>
        page.QuerySelectorAll($"{table} tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();
}
