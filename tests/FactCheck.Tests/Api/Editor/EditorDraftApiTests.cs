using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Api.Editor;

/// <summary>
/// The editors' API over real HTTP with personal tokens: tokens and their refusals, the draft's ETag and If-Match,
/// field messages, roles, publication, and the revisions it leaves, as a newsroom script would see them.
/// </summary>
[Trait("Database", "Both")]
public sealed class EditorDraftApiTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    [Fact]
    public async Task The_token_command_prints_a_token_on_its_last_line_that_works_as_Bearer_until_it_is_revoked()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-token-command");
        await app.AddUserAsync("token-command@example.com", DeskRoles.Editor);

        var (exitCode, output, errors) = await EditorApiClient.RunCommandAsync(app, "users", "token", "add", "token-command@example.com", "--name", "newsroom feed");

        Assert.True(exitCode == 0, output + errors);
        var token = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^fct_[A-Za-z0-9_-]{43}$", token);
        using (var client = new EditorApiClient(app, token))
        {
            var answer = await client.GetAsync(EditorApiClient.DraftPath(claim.Id));
            Assert.Equal(200, answer.Status);
            Assert.Equal("no-store", answer.CacheControl);
        }

        Assert.DoesNotContain(token, await app.QueryAsync(db => db.ApiTokens.Select(t => t.TokenHash + " " + t.Prefix).ToListAsync()), StringComparer.Ordinal);
        var revoke = await EditorApiClient.RunCommandAsync(app, "users", "token", "revoke", token[..12]);
        Assert.True(revoke.ExitCode == 0, revoke.Output + revoke.Errors);

        using (var client = new EditorApiClient(app, token))
        {
            var refused = await client.GetAsync(EditorApiClient.DraftPath(claim.Id));
            Assert.Equal(401, refused.Status);
            Assert.StartsWith("Bearer", refused.WwwAuthenticate, StringComparison.Ordinal);
            Assert.Contains("invalid_token", refused.WwwAuthenticate, StringComparison.Ordinal);
            Assert.Equal("application/problem+json", refused.MediaType);
        }
    }

    [Fact]
    public async Task Without_a_token_or_with_only_the_sign_in_cookie_the_API_answers_401_and_a_token_opens_no_desk_page()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-no-token");
        using (var anonymous = new EditorApiClient(app, token: null))
        {
            var answer = await anonymous.GetAsync(EditorApiClient.DraftPath(claim.Id));
            Assert.Equal(401, answer.Status);
            Assert.StartsWith("Bearer", answer.WwwAuthenticate, StringComparison.Ordinal);
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.Equal(401, answer.Json.GetProperty("status").GetInt32());
        }

        using (var forged = new EditorApiClient(app, "fct_" + new string('A', 43)))
        {
            Assert.Equal(401, (await forged.GetAsync(EditorApiClient.DraftPath(claim.Id))).Status);
        }

        await app.AddUserAsync("cookie-only@example.com", DeskRoles.ChiefEditor);
        using var session = await app.SignInAsync("cookie-only@example.com");
        using (var withCookie = await session.GetAsync(EditorApiClient.DraftPath(claim.Id)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, withCookie.StatusCode);
        }

        var token = await EditorApiClient.AddTokenAsync(app, "cookie-only@example.com");
        using var http = app.CreateHttpClient();
        using var desk = new HttpRequestMessage(HttpMethod.Get, new Uri("/editor", UriKind.Relative));
        desk.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var deskAnswer = await http.SendAsync(desk);
        Assert.Equal(System.Net.HttpStatusCode.Found, deskAnswer.StatusCode);
        Assert.Equal("/account/login", deskAnswer.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_token_records_its_last_use_and_is_refused_once_its_account_is_locked_out()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-lockout");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "locked-later@example.com", DeskRoles.Editor);
        Assert.Equal(200, (await client.GetAsync(EditorApiClient.DraftPath(claim.Id))).Status);
        var lastUsed = await app.QueryAsync(db => db.ApiTokens.Where(t => t.User!.Email == "locked-later@example.com").Select(t => t.LastUsedAtUtc).SingleAsync());
        Assert.NotNull(lastUsed);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>();
            var user = await users.FindByEmailAsync("locked-later@example.com");
            Assert.True((await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }

        var refused = await client.GetAsync(EditorApiClient.DraftPath(claim.Id));
        Assert.Equal(401, refused.Status);
        Assert.Contains("invalid_token", refused.WwwAuthenticate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_round_trips_with_its_ETag_and_a_save_without_If_Match_is_refused()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-round-trip");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "round-trip@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);

        var empty = await client.GetAsync(path);
        Assert.Equal(200, empty.Status);
        Assert.Equal("none", empty.Text("status"));
        Assert.Equal("\"none\"", empty.ETag);

        var missing = await client.PutJsonAsync(path, Draft(claim, "Round trip: killings are documented"), ifMatch: null);
        Assert.Equal(428, missing.Status);
        Assert.Equal("none", (await client.GetAsync(path)).Text("status"));

        var saved = await client.PutJsonAsync(path, Draft(claim, "Round trip: killings are documented"), empty.ETag);
        Assert.Equal(200, saved.Status);
        Assert.NotNull(saved.ETag);
        Assert.NotEqual(empty.ETag, saved.ETag);
        Assert.Equal(saved.ETag, saved.Text("etag"));

        var read = await client.GetAsync(path);
        Assert.Equal(saved.ETag, read.ETag);
        Assert.Equal("draft", read.Text("status"));
        Assert.Equal("false", read.Text("rating"));
        Assert.Equal("Round trip: killings are documented", read.Text("headline"));
        Assert.Equal([claim.ContradictingEvidenceId], read.Json.GetProperty("evidenceIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("round-trip@example.com", read.Text("updatedBy"));

        var notModified = await client.GetAsync(path, request => request.Headers.TryAddWithoutValidation("If-None-Match", saved.ETag));
        Assert.Equal(304, notModified.Status);

        var again = await client.PutJsonAsync(path, Draft(claim, "Round trip, second save"), read.ETag);
        Assert.Equal(200, again.Status);
        Assert.Equal("Round trip, second save", (await client.GetAsync(path)).Text("headline"));
    }

    [Fact]
    public async Task A_save_with_a_stale_If_Match_gets_412_with_the_current_draft_and_changes_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-stale");
        using var first = await EditorApiClient.ForNewAccountAsync(app, "stale-first@example.com", DeskRoles.Editor);
        using var second = await EditorApiClient.ForNewAccountAsync(app, "stale-second@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var created = await first.PutJsonAsync(path, Draft(claim, "Stale: first editor's headline"), "\"none\"");
        Assert.Equal(200, created.Status);
        var theirs = await second.PutJsonAsync(path, Draft(claim, "Stale: second editor's headline"), created.ETag);
        Assert.Equal(200, theirs.Status);
        var revisionsBefore = await VerdictRevisionCountAsync(claim.Id);

        var stale = await first.PutJsonAsync(path, Draft(claim, "Stale: first editor overwrites"), created.ETag);

        Assert.Equal(412, stale.Status);
        Assert.Equal("application/problem+json", stale.MediaType);
        Assert.Equal(theirs.ETag, stale.ETag);
        var current = stale.Json.GetProperty("current");
        Assert.Equal("Stale: second editor's headline", current.GetProperty("headline").GetString());
        Assert.Equal(theirs.ETag, current.GetProperty("etag").GetString());
        Assert.Equal("stale-second@example.com", current.GetProperty("updatedBy").GetString());
        Assert.Equal("Stale: second editor's headline", (await first.GetAsync(path)).Text("headline"));
        Assert.Equal(revisionsBefore, await VerdictRevisionCountAsync(claim.Id));

        var firstSaveAgain = await first.PutJsonAsync(path, Draft(claim, "Stale: creating twice"), "\"none\"");
        Assert.Equal(412, firstSaveAgain.Status);
    }

    [Fact]
    public async Task Bad_input_gets_400_with_a_message_at_each_field_and_nothing_is_saved()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-bad-input");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "bad-input@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var otherClaim = await DeskClaims.CreateUnratedAsync(app, "api-bad-input-other");

        var answer = await client.PutJsonAsync(path, new
        {
            rating = "pants-on-fire",
            headline = new string('h', 121),
            rationale = "Some rationale.",
            evidenceIds = new[] { otherClaim.ContradictingEvidenceId },
        }, "\"none\"");

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(["Choose a rating."], answer.Errors("rating"));
        Assert.Contains("keep it to 120", Assert.Single(answer.Errors("headline")), StringComparison.Ordinal);
        Assert.Equal(["Choose evidence from this claim's ledger only."], answer.Errors("evidenceIds"));

        using var client2 = new EditorApiClient(app, await EditorApiClient.AddTokenAsync(app, "bad-input@example.com"));
        var notJson = await client2.SendAsync(HttpMethod.Put, path, new StringContent("{\"headline\": 12", System.Text.Encoding.UTF8, "application/json"), r => r.Headers.TryAddWithoutValidation("If-Match", "\"none\""));
        Assert.Equal(400, notJson.Status);
        var wrongType = await client2.SendAsync(HttpMethod.Put, path, new StringContent("{\"evidenceIds\": \"all\"}", System.Text.Encoding.UTF8, "application/json"), r => r.Headers.TryAddWithoutValidation("If-Match", "\"none\""));
        Assert.Equal(400, wrongType.Status);
        Assert.True(wrongType.Json.GetProperty("errors").TryGetProperty("evidenceIds", out _), wrongType.Json.ToString());

        Assert.Equal("none", (await client.GetAsync(path)).Text("status"));
        Assert.Equal(0, await VerdictRevisionCountAsync(claim.Id));
        Assert.Equal(404, (await client.GetAsync(EditorApiClient.DraftPath(int.MaxValue))).Status);
    }

    [Fact]
    public async Task An_editor_submits_but_cannot_publish_and_a_chief_editor_publishes_to_the_claim_page_at_once()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-publish");
        using var editor = await EditorApiClient.ForNewAccountAsync(app, "api-writer@example.com", DeskRoles.Editor);
        using var chief = await EditorApiClient.ForNewAccountAsync(app, "api-chief@example.com", DeskRoles.ChiefEditor);
        var path = EditorApiClient.DraftPath(claim.Id);
        const string Headline = "API publication: reprisal killings are documented";

        // Read (and so cached) before: publication must evict the public API's copy and the page's at once.
        using var reader = app.CreateHttpClient();
        var apiBefore = await reader.GetStringAsync(new Uri($"/api/claims/{claim.Id}", UriKind.Relative));
        Assert.DoesNotContain(Headline, apiBefore, StringComparison.Ordinal);
        var before = await reader.GetStringAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.DoesNotContain(Headline, before, StringComparison.Ordinal);

        var saved = await editor.PutJsonAsync(path, Draft(claim, Headline), "\"none\"");
        Assert.Equal(200, saved.Status);
        Assert.Equal(409, (await chief.PostAsync(path + "/publish")).Status);

        var submitted = await editor.PostAsync(path + "/submit", ifMatch: saved.ETag);
        Assert.Equal(200, submitted.Status);
        Assert.Equal("in-review", submitted.Text("status"));

        var refused = await editor.PostAsync(path + "/publish", ifMatch: submitted.ETag);
        Assert.Equal(403, refused.Status);
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Equal("in-review", (await editor.GetAsync(path)).Text("status"));

        Assert.Equal(412, (await chief.PostAsync(path + "/publish", ifMatch: saved.ETag)).Status);
        var published = await chief.PostAsync(path + "/publish", ifMatch: submitted.ETag);
        Assert.Equal(200, published.Status);
        var verdictIdTag = published.Json.GetProperty("verdictId").GetInt32();
        Assert.Matches($"^\"none\\.p{verdictIdTag}v[0-9]+\"$", published.ETag);
        Assert.Equal(published.ETag, (await editor.GetAsync(path)).ETag);

        Assert.Contains(Headline, await reader.GetStringAsync(new Uri($"/api/claims/{claim.Id}", UriKind.Relative)), StringComparison.Ordinal);
        var after = await reader.GetStringAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.Contains(Headline, after, StringComparison.Ordinal);
        var verdictId = published.Json.GetProperty("verdictId").GetInt32();
        Assert.Equal(200, (int)(await reader.GetAsync(new Uri($"/api/verdicts/{verdictId}", UriKind.Relative))).StatusCode);
        var audit = await app.QueryAsync(db => db.AuditLog.Where(a => a.Subject == "/claims/" + claim.Id + "/" + claim.Slug).Select(a => new { a.Action, a.Actor }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditAction.SubmittedForReview && a.Actor == "api-writer@example.com");
        Assert.Contains(audit, a => a.Action == AuditAction.Published && a.Actor == "api-chief@example.com");
    }

    [Fact]
    public async Task The_revision_list_grows_oldest_first_and_names_the_API_author()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-revisions");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "api-historian@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var revisionsPath = $"/api/editor/claims/{claim.Id}/revisions";
        Assert.Equal(0, (await client.GetAsync(revisionsPath)).Json.GetProperty("revisions").GetArrayLength());

        var first = await client.PutJsonAsync(path, Draft(claim, "Revisions: first"), "\"none\"");
        var second = await client.PutJsonAsync(path, Draft(claim, "Revisions: second"), first.ETag);
        Assert.Equal(200, (await client.PostAsync(path + "/submit", ifMatch: second.ETag)).Status);

        var list = await client.GetAsync(revisionsPath);
        Assert.Equal(200, list.Status);
        var revisions = list.Json.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], revisions.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal(["created", "updated", "updated"], revisions.Select(r => r.GetProperty("action").GetString()));
        Assert.All(revisions, r => Assert.Equal("api-historian@example.com", r.GetProperty("author").GetString()));
        Assert.Equal(["Saved draft", "Saved draft", "Submitted for review"], revisions.Select(r => r.GetProperty("reason").GetString()));
        Assert.Equal("Revisions: second", revisions[1].GetProperty("snapshot").GetProperty("Headline").GetString());
        Assert.Contains("Headline", revisions[1].GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        var times = revisions.Select(r => r.GetProperty("createdAtUtc").GetDateTime()).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task Revisions_are_listed_in_the_order_they_were_written_when_an_instance_clock_ran_ahead()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-revisions-skew");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "revisions-skew@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var first = await client.PutJsonAsync(path, Draft(claim, "Skew: first"), "\"none\"");
        Assert.Equal(200, (await client.PutJsonAsync(path, Draft(claim, "Skew: second"), first.ETag)).Status);

        // The first save came through an instance whose clock was an hour ahead of the second's.
        await app.QueryAsync(db =>
        {
            var verdicts = db.Verdicts.Where(v => v.ClaimId == claim.Id).Select(v => v.Id);
            return db.Revisions
                .Where(r => r.EntityType == RevisionSubjects.Verdict && verdicts.Contains(r.EntityId) && r.Number == 1)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.CreatedAtUtc, x => x.CreatedAtUtc.AddHours(1)));
        });

        var revisions = (await client.GetAsync($"/api/editor/claims/{claim.Id}/revisions")).Json.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2], revisions.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal("Skew: second", revisions[1].GetProperty("snapshot").GetProperty("Headline").GetString());
    }

    [Fact]
    public async Task A_stale_save_gets_412_even_when_its_body_is_also_invalid()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-stale-invalid");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "stale-invalid@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var created = await client.PutJsonAsync(path, Draft(claim, "Stale and invalid: first save"), "\"none\"");
        Assert.Equal(200, created.Status);

        var stale = await client.PutJsonAsync(path, new { rating = "pants-on-fire", headline = "", rationale = "" }, "\"none\"");

        Assert.Equal(412, stale.Status);
        Assert.Equal(created.ETag, stale.ETag);
        Assert.Equal("Stale and invalid: first save", stale.Json.GetProperty("current").GetProperty("headline").GetString());
    }

    [Fact]
    public async Task After_a_publication_the_no_draft_ETag_names_the_published_verdict_so_an_old_none_is_stale()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-none-published");
        using var editor = await EditorApiClient.ForNewAccountAsync(app, "none-published-writer@example.com", DeskRoles.Editor);
        using var chief = await EditorApiClient.ForNewAccountAsync(app, "none-published-chief@example.com", DeskRoles.ChiefEditor);
        var path = EditorApiClient.DraftPath(claim.Id);
        var before = await editor.GetAsync(path);
        Assert.Equal("\"none\"", before.ETag);
        var saved = await editor.PutJsonAsync(path, Draft(claim, "None tag: the first verdict"), before.ETag);
        var submitted = await editor.PostAsync(path + "/submit", ifMatch: saved.ETag);
        Assert.Equal(200, (await chief.PostAsync(path + "/publish", ifMatch: submitted.ETag)).Status);

        var afterPublication = await editor.GetAsync(path, request => request.Headers.TryAddWithoutValidation("If-None-Match", before.ETag));

        Assert.Equal(200, afterPublication.Status);
        Assert.Equal("none", afterPublication.Text("status"));
        Assert.NotEqual(before.ETag, afterPublication.ETag);
        Assert.Equal("None tag: the first verdict", afterPublication.Json.GetProperty("published").GetProperty("headline").GetString());
        Assert.Equal(304, (await editor.GetAsync(path, request => request.Headers.TryAddWithoutValidation("If-None-Match", afterPublication.ETag))).Status);
        Assert.Equal(412, (await editor.PutJsonAsync(path, Draft(claim, "None tag: from a stale read"), before.ETag)).Status);
        Assert.Equal("none", (await editor.GetAsync(path)).Text("status"));

        var second = await editor.PutJsonAsync(path, Draft(claim, "None tag: a correction"), afterPublication.ETag);
        Assert.Equal(200, second.Status);
        Assert.Equal("None tag: a correction", (await editor.GetAsync(path)).Text("headline"));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_problem_JSON_and_saves_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-too-large");
        using var client = await EditorApiClient.ForNewAccountAsync(app, "too-large@example.com", DeskRoles.Editor);
        var path = EditorApiClient.DraftPath(claim.Id);

        var answer = await client.PutJsonAsync(path, new { rating = "false", headline = "Too large", rationale = new string('r', 300 * 1024), evidenceIds = new[] { claim.ContradictingEvidenceId } }, "\"none\"");

        Assert.Equal(413, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("none", (await client.GetAsync(path)).Text("status"));
    }

    [Fact]
    public async Task Revoking_by_a_longer_text_than_the_prefix_is_refused_and_revokes_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "api-revoke-prefix");
        await app.AddUserAsync("revoke-prefix@example.com", DeskRoles.Editor);
        var token = await EditorApiClient.AddTokenAsync(app, "revoke-prefix@example.com");

        var refused = await EditorApiClient.RunCommandAsync(app, "users", "token", "revoke", token[..12] + "zz");

        Assert.NotEqual(0, refused.ExitCode);
        using var client = new EditorApiClient(app, token);
        Assert.Equal(200, (await client.GetAsync(EditorApiClient.DraftPath(claim.Id))).Status);
    }

    private static object Draft(TestClaim claim, string headline) => new
    {
        rating = "false",
        headline,
        claimReviewed = "No former official has come to harm",
        rationale = "Human Rights Watch documents killings of former security force members.",
        evidenceIds = new[] { claim.ContradictingEvidenceId },
    };

    private Task<int> VerdictRevisionCountAsync(int claimId) => app.QueryAsync(db =>
    {
        var verdicts = db.Verdicts.Where(v => v.ClaimId == claimId).Select(v => v.Id);
        return db.Revisions.CountAsync(r => r.EntityType == RevisionSubjects.Verdict && verdicts.Contains(r.EntityId));
    });
}
