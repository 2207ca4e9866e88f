using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Claims;

/// <summary>
/// Retraction and merge through the claim desk's forms, and what the claims' addresses and the public
/// lists answer afterwards, read over HTTP as a reader (or a crawler) would. A site of its own: these
/// tests withdraw claims the other tests read.
/// </summary>
[Trait("Database", "Both")]
public sealed class RetractionAndMergeTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    private const string RetractedKey = "shaheen-cnn-video-fake";

    [Fact]
    public async Task A_retracted_claim_answers_410_with_the_notice_and_leaves_every_public_list()
    {
        var claim = await SeededClaims.LoadAsync(app, RetractedKey);
        var claimantSlug = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Claimant.Slug).SingleAsync());
        var summary = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.Summary).SingleAsync());
        using var reader = app.CreateHttpClient();
        var topicSlug = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).SelectMany(c => c.Topics).Select(t => t.Slug).FirstAsync());
        var places = new[]
        {
            "/", "/claims", $"/claimants/{claimantSlug}", $"/topics/{topicSlug}", claim.Evidence[0].SourcePath, "/search?q=commandos",
            "/feeds/claimreview.jsonld", "/feeds/verdicts.atom",
        };

        // Listed everywhere first, so that its absence afterwards means something.
        foreach (var place in places)
        {
            Assert.True((await BodyAsync(reader, place)).Contains($"/claims/{claim.Id}/", StringComparison.Ordinal), $"{place} lists the claim before");
        }

        Assert.Contains(await SitemapClaimUrlsAsync(reader), u => u.Contains($"/claims/{claim.Id}/", StringComparison.Ordinal));

        using var chief = await UserAsync("chief-retract@example.org", DeskRoles.ChiefEditor);
        var page = await chief.GetPageAsync(Desk(claim.Id));
        using var posted = await chief.SubmitFormAsync(Desk(claim.Id), page, "Retract the claim", new Dictionary<string, string>
        {
            ["Reason for the retraction"] = "The video statement was made by another spokesman.",
            ["I confirm this claim is retracted"] = "True",
        });
        Assert.Equal(HttpStatusCode.Found, posted.StatusCode);

        using var gone = await reader.GetAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var notice = Html.Parse(await gone.Content.ReadAsStringAsync());
        Assert.Equal("This claim was retracted", notice.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Equal("noindex", notice.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Contains("The video statement was made by another spokesman.", notice.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(summary, notice.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(claim.ClaimantName, notice.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(today, notice.QuerySelector("main time")?.GetAttribute("datetime"));
        Assert.NotNull(notice.QuerySelector("main a[href='/corrections']"));

        foreach (var place in places)
        {
            Assert.False((await BodyAsync(reader, place)).Contains($"/claims/{claim.Id}/", StringComparison.Ordinal), $"{place} still lists the retracted claim");
        }

        Assert.DoesNotContain(await SitemapClaimUrlsAsync(reader), u => u.Contains($"/claims/{claim.Id}/", StringComparison.Ordinal));

        var corrections = Html.Parse(await BodyAsync(reader, "/corrections"));
        var entry = Assert.Single(corrections.QuerySelectorAll(".corrections__item"), li => li.TextContent.Contains($"Retracted: {summary}", StringComparison.Ordinal));
        Assert.Contains("The video statement was made by another spokesman.", entry.TextContent, StringComparison.Ordinal);
        Assert.Equal(today, entry.QuerySelector("time")?.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Retracting_twice_is_refused_and_saves_nothing()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "retract-twice");
        using var chief = await UserAsync("chief-twice@example.org", DeskRoles.ChiefEditor);
        var page = await chief.GetPageAsync(Desk(claim.Id));
        using (var first = await chief.SubmitFormAsync(Desk(claim.Id), page, "Retract the claim", Retraction("First reason")))
        {
            Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        }

        // The stale page still has the form: a second post of it must not replace the first retraction.
        using var second = await chief.SubmitFormAsync(Desk(claim.Id), page, "Retract the claim", Retraction("Second reason"));

        var shown = Html.Parse(await second.Content.ReadAsStringAsync());
        Assert.Contains("already retracted", shown.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        var saved = await ClaimAsync(claim.Id);
        Assert.Equal("First reason", saved.RetractionReason);
    }

    [Fact]
    public async Task A_retraction_needs_a_reason_and_the_confirmation()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "retract-invalid");
        using var chief = await UserAsync("chief-invalid@example.org", DeskRoles.ChiefEditor);
        var page = await chief.GetPageAsync(Desk(claim.Id));

        using var response = await chief.SubmitFormAsync(Desk(claim.Id), page, "Retract the claim", new Dictionary<string, string> { ["Reason for the retraction"] = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var messages = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("Say why the claim is retracted", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Tick the box", StringComparison.Ordinal));
        Assert.Null((await ClaimAsync(claim.Id)).RetractedAtUtc);
        using var reader = app.CreateHttpClient();
        using var still = await reader.GetAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task An_editor_who_is_not_chief_cannot_retract_or_merge()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "retract-editor");
        var other = await DeskClaims.CreateUnratedAsync(app, "retract-editor-other");
        using var chief = await UserAsync("chief-forms@example.org", DeskRoles.ChiefEditor);
        var chiefPage = await chief.GetPageAsync(Desk(claim.Id));
        using var editor = await UserAsync("plain-editor@example.org", DeskRoles.Editor);

        var editorPage = await editor.GetPageAsync(Desk(claim.Id));
        Assert.DoesNotContain(editorPage.QuerySelectorAll("button"), b => b.TextContent.Trim() is "Retract the claim" or "Merge the claim");

        // The chief's form, posted with the editor's own token: a forged or remembered form is refused too.
        var token = editorPage.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        foreach (var (button, fields) in new[]
        {
            ("Retract the claim", Retraction("Not mine to retract")),
            ("Merge the claim", new Dictionary<string, string> { ["The claim it duplicates"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        })
        {
            var form = Assert.Single(chiefPage.Forms, f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == button));
            form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value = token;
            using var response = await editor.SubmitFormAsync(Desk(claim.Id), chiefPage, button, fields);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var saved = await ClaimAsync(claim.Id);
        Assert.Null(saved.RetractedAtUtc);
        Assert.Null(saved.MergedIntoId);
    }

    [Fact]
    public async Task A_merged_claim_answers_301_to_the_survivor_and_hands_it_its_evidence()
    {
        var duplicate = await DeskClaims.CreateUnratedAsync(app, "merge-duplicate");
        var survivor = await SeededClaims.LoadAsync(app, "blinken-2021-no-immediate-deterioration");
        var survivorSlug = survivor.Slug;
        using var chief = await UserAsync("chief-merge@example.org", DeskRoles.ChiefEditor);
        var page = await chief.GetPageAsync(Desk(duplicate.Id));

        using var posted = await chief.SubmitFormAsync(Desk(duplicate.Id), page, "Merge the claim", new Dictionary<string, string>
        {
            ["The claim it duplicates"] = $"{app.BaseAddress.AbsoluteUri.TrimEnd('/')}{survivor.Path}",
        });
        Assert.Equal(HttpStatusCode.Found, posted.StatusCode);

        using var reader = app.CreateHttpClient();
        foreach (var path in new[] { duplicate.Path, $"/claims/{duplicate.Id}/{survivorSlug}", $"/claims/{duplicate.Id}" })
        {
            using var moved = await reader.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal(survivor.Path, moved.Headers.Location?.OriginalString);
        }

        var survivorPage = Html.Parse(await BodyAsync(reader, survivor.Path));
        Assert.Contains("A passage read as support, for the desk tests.", survivorPage.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        var duplicateRow = await ClaimAsync(duplicate.Id);
        Assert.Equal(survivor.Id, duplicateRow.MergedIntoId);
        Assert.Equal(0, await app.QueryAsync(db => db.Evidence.CountAsync(e => e.ClaimId == duplicate.Id)));
        var reasons = await app.QueryAsync(db => db.Revisions.Where(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == duplicate.Id).OrderByDescending(r => r.Number).Select(r => r.Reason).FirstAsync());
        Assert.Contains($"claim {duplicate.Id}", reasons, StringComparison.Ordinal);
        Assert.Contains($"claim {survivor.Id}", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain($"/claims/{duplicate.Id}/", await BodyAsync(reader, "/claims"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_leaves_items_citing_a_passage_the_survivor_already_cites_and_unites_the_topics()
    {
        var duplicate = await DeskClaims.CreateUnratedAsync(app, "merge-same-passages");
        var survivor = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var topic = await app.QueryAsync(async db =>
        {
            var survivorTopics = await db.Claims.Where(c => c.Id == survivor.Id).SelectMany(c => c.Topics).Select(t => t.Id).ToListAsync();
            var other = await db.Topics.Where(t => !survivorTopics.Contains(t.Id)).OrderBy(t => t.Id).FirstAsync();
            var row = await db.Claims.Include(c => c.Topics).SingleAsync(c => c.Id == duplicate.Id);
            row.Topics.Add(other);
            await db.SaveChangesAsync();
            return (other.Name, other.Slug);
        });
        var survivorEvidence = await app.QueryAsync(db => db.Evidence.CountAsync(e => e.ClaimId == survivor.Id));
        using var chief = await UserAsync("chief-same@example.org", DeskRoles.ChiefEditor);

        await MergeAsync(chief, duplicate.Id, survivor.Id);

        // The desk claim cites two of Balki's own evidence passages and one of its appearances: all stay put.
        Assert.Equal(2, await app.QueryAsync(db => db.Evidence.CountAsync(e => e.ClaimId == duplicate.Id)));
        Assert.Equal(1, await app.QueryAsync(db => db.ClaimAppearances.CountAsync(a => a.ClaimId == duplicate.Id)));
        Assert.Equal(survivorEvidence, await app.QueryAsync(db => db.Evidence.CountAsync(e => e.ClaimId == survivor.Id)));
        using var reader = app.CreateHttpClient();
        var page = Html.Parse(await BodyAsync(reader, survivor.Path));
        Assert.Contains(page.QuerySelectorAll(".claim-topics a"), a => a.TextContent == topic.Name);
        Assert.Contains($"/claims/{survivor.Id}/", await BodyAsync(reader, $"/topics/{topic.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_of_merges_is_followed_to_the_last_survivor_in_one_redirect()
    {
        var first = await DeskClaims.CreateUnratedAsync(app, "chain-first");
        var second = await DeskClaims.CreateUnratedAsync(app, "chain-second");
        var last = await DeskClaims.CreateUnratedAsync(app, "chain-last");
        using var chief = await UserAsync("chief-chain@example.org", DeskRoles.ChiefEditor);
        await MergeAsync(chief, first.Id, second.Id);
        await MergeAsync(chief, second.Id, last.Id);

        using var reader = app.CreateHttpClient();
        using var moved = await reader.GetAsync(new Uri(first.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(last.Path, moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Merging_into_itself_an_unknown_a_merged_or_a_retracted_claim_is_refused_at_the_field()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "merge-refused");
        var merged = await DeskClaims.CreateUnratedAsync(app, "merge-refused-merged");
        var survivor = await DeskClaims.CreateUnratedAsync(app, "merge-refused-survivor");
        var retracted = await DeskClaims.CreateUnratedAsync(app, "merge-refused-retracted");
        using var chief = await UserAsync("chief-refused@example.org", DeskRoles.ChiefEditor);
        await MergeAsync(chief, merged.Id, survivor.Id);
        var retractPage = await chief.GetPageAsync(Desk(retracted.Id));
        using (var done = await chief.SubmitFormAsync(Desk(retracted.Id), retractPage, "Retract the claim", Retraction("Never said")))
        {
            Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        }

        var revisionsBefore = await app.QueryAsync(db => db.Revisions.CountAsync());
        foreach (var (target, expected) in new[]
        {
            (claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "cannot be merged into itself"),
            ("999999", "There is no claim 999999"),
            ("not a claim", "neither a claim id nor a claim's address"),
            ("", "Give the id or the address"),
            (merged.Path, $"merged into claim {survivor.Id}"),
            ($"/claims/{retracted.Id}", "was retracted"),
        })
        {
            var page = await chief.GetPageAsync(Desk(claim.Id));
            using var response = await chief.SubmitFormAsync(Desk(claim.Id), page, "Merge the claim", new Dictionary<string, string> { ["The claim it duplicates"] = target });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var message = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".validation-message")?.TextContent;
            Assert.True(message?.Contains(expected, StringComparison.Ordinal) == true, $"merge into “{target}” said “{message}”");
        }

        Assert.Null((await ClaimAsync(claim.Id)).MergedIntoId);
        Assert.Equal(revisionsBefore, await app.QueryAsync(db => db.Revisions.CountAsync()));
    }

    [Fact]
    public async Task Merging_back_into_a_claim_merged_into_this_one_is_refused_as_a_loop()
    {
        var duplicate = await DeskClaims.CreateUnratedAsync(app, "loop-duplicate");
        var survivor = await DeskClaims.CreateUnratedAsync(app, "loop-survivor");
        using var chief = await UserAsync("chief-loop@example.org", DeskRoles.ChiefEditor);
        await MergeAsync(chief, duplicate.Id, survivor.Id);

        var page = await chief.GetPageAsync(Desk(survivor.Id));
        using var response = await chief.SubmitFormAsync(Desk(survivor.Id), page, "Merge the claim", new Dictionary<string, string> { ["The claim it duplicates"] = duplicate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var message = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".validation-message")?.TextContent;
        Assert.Contains("loop", message, StringComparison.Ordinal);
        Assert.Null((await ClaimAsync(survivor.Id)).MergedIntoId);
    }

    private static string Desk(int claimId) => $"/editor/claims/{claimId}";

    private static Dictionary<string, string> Retraction(string reason) => new()
    {
        ["Reason for the retraction"] = reason,
        ["I confirm this claim is retracted"] = "True",
    };

    private static async Task MergeAsync(FormSession chief, int duplicateId, int survivorId)
    {
        var page = await chief.GetPageAsync(Desk(duplicateId));
        using var response = await chief.SubmitFormAsync(Desk(duplicateId), page, "Merge the claim", new Dictionary<string, string>
        {
            ["The claim it duplicates"] = survivorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    private Task<Claim> ClaimAsync(int id) =>
        app.QueryAsync(db => db.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).AsNoTracking().SingleAsync(c => c.Id == id));

    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every claim URL the sitemaps list, from the index through each claims file, as a crawler finds them.</summary>
    private static async Task<List<string>> SitemapClaimUrlsAsync(HttpClient client)
    {
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = XDocument.Parse(await BodyAsync(client, "/sitemap.xml"));
        var urls = new List<string>();
        foreach (var loc in index.Descendants(ns + "loc").Select(l => new Uri(l.Value)).Where(u => u.AbsolutePath.Contains("claims", StringComparison.Ordinal)))
        {
            var file = XDocument.Parse(await BodyAsync(client, loc.PathAndQuery));
            urls.AddRange(file.Descendants(ns + "loc").Select(l => l.Value));
        }

        return urls;
    }

    private async Task<FormSession> UserAsync(string email, string role)
    {
        await app.AddUserAsync(email, role);
        return await app.SignInAsync(email);
    }
}
