using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Desk;

/// <summary>
/// The desk's source pages over real HTTP, signed in through the sign-in form: pasting a document, turning
/// its quoted statements into claims, and citing its passages as evidence.
/// </summary>
[Trait("Database", "Both")]
public sealed class SourceDeskTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    private const string NewPath = "/editor/sources/new";

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in_and_users_without_a_desk_role_are_refused()
    {
        var sourceId = await app.QueryAsync(db => db.Sources.Select(s => s.Id).FirstAsync());
        var pages = new[] { "/editor/sources", NewPath, Desk(sourceId) };
        using (var anonymous = new FormSession(app.BaseAddress))
        {
            foreach (var path in pages)
            {
                using var response = await anonymous.GetAsync(path);
                Assert.Equal(HttpStatusCode.Found, response.StatusCode);
                Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
            }

            foreach (var (path, handler) in new[] { (NewPath, "new-source"), (Desk(sourceId), "candidate"), (Desk(sourceId), "evidence") })
            {
                using var response = await anonymous.PostAsync(path, new Dictionary<string, string> { ["_handler"] = handler });
                Assert.Equal(HttpStatusCode.Found, response.StatusCode);
                Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<EditorUser>>()
                .CreateAsync(new EditorUser { UserName = "no-role-sources@example.com", Email = "no-role-sources@example.com" }, DeskAppFactory.Password);
            Assert.True(created.Succeeded);
        }

        using var roleless = await app.SignInAsync("no-role-sources@example.com");
        foreach (var path in pages)
        {
            using var response = await roleless.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Each_post_without_its_antiforgery_token_is_refused_and_saves_nothing()
    {
        using var session = await EditorAsync("forger-sources@example.org");
        var sourceId = await AddSourceAsync(session, Article("forged"));
        var before = await CountsAsync();

        using (var response = await session.PostAsync(NewPath, new Dictionary<string, string>
        {
            ["_handler"] = "new-source", ["Input.Title"] = "Forged", ["Input.Publisher"] = "Nobody", ["Input.Date"] = "2021", ["Input.Language"] = "en", ["Input.Text"] = "Forged text " + Guid.NewGuid(),
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var page = await session.GetPageAsync(Desk(sourceId));
        var candidate = HiddenFields(page, "Create claim");
        candidate.Remove("__RequestVerificationToken");
        using (var response = await session.PostAsync(Desk(sourceId), candidate))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var response = await session.PostAsync(Desk(sourceId), new Dictionary<string, string>
        {
            ["_handler"] = "evidence", ["Evidence.ClaimId"] = "1", ["Evidence.Organization"] = "Forgers", ["Evidence.Passage"] = "Ministry of Refugees",
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_pasted_source_is_stored_exactly_with_its_hash_and_a_revision_by_its_editor()
    {
        using var session = await EditorAsync("paster@example.org");
        // Leading spaces, CRLF and LF line breaks, a tab and a trailing newline: nothing may be trimmed or normalised.
        var text = "  " + Article("exact").Replace("\n\n", "\r\n\r\n", StringComparison.Ordinal) + "\tEnd.\n";

        using var response = await SubmitSourceAsync(session, text, date: "2021-12");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var id = SourceIdFrom(response);
        var source = await app.QueryAsync(db => db.Sources.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(text, source.Text);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), source.ContentHash);
        Assert.Equal(ReportedDate.Month(2021, 12), source.PublishedOn);
        Assert.Equal("https://example.org/article", source.OriginalUrl);
        var revision = await app.QueryAsync(db => db.Revisions.SingleAsync(r => r.EntityType == "Source" && r.EntityId == id));
        Assert.Equal("paster@example.org", revision.Author);

        var page = await session.GetPageAsync(Desk(id));
        Assert.Equal("Ministry statement", page.QuerySelector("h1")?.TextContent);
        Assert.Contains(source.ContentHash, page.QuerySelector("dl.source-meta")?.TextContent, StringComparison.Ordinal);
        var list = await session.GetPageAsync("/editor/sources");
        Assert.Contains(list.QuerySelectorAll("table a"), a => a.GetAttribute("href") == Desk(id));
        Assert.Contains(list.QuerySelectorAll("a"), a => a.TextContent == "Add a source" && a.GetAttribute("href") == NewPath);
    }

    [Fact]
    public async Task A_bad_date_or_address_gets_a_message_at_its_field_and_saves_nothing()
    {
        using var session = await EditorAsync("typo@example.org");
        var before = await app.QueryAsync(db => db.Sources.CountAsync());

        using var response = await SubmitSourceAsync(session, Article("bad-input"), date: "2021-13-40", url: "javascript:alert(1)", archiveUrl: "ftp://example.org/file");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter the date as 2021-12-05, 2021-12 or 2021.", MessageAfter(page, "source-date"));
        Assert.Equal("Enter a web address starting with http:// or https://.", MessageAfter(page, "source-url"));
        Assert.Equal("Enter a web address starting with http:// or https://.", MessageAfter(page, "source-archive-url"));
        Assert.Equal(before, await app.QueryAsync(db => db.Sources.CountAsync()));
    }

    [Fact]
    public async Task A_text_over_the_length_limit_gets_a_message_and_saves_nothing()
    {
        using var session = await EditorAsync("long-paster@example.org");
        var before = await app.QueryAsync(db => db.Sources.CountAsync());

        using var response = await SubmitSourceAsync(session, Article("too-long") + new string('x', 200_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = MessageAfter(Html.Parse(await response.Content.ReadAsStringAsync()), "source-text");
        Assert.NotNull(message);
        Assert.Contains("the limit is 200,000", message, StringComparison.Ordinal);
        Assert.Equal(before, await app.QueryAsync(db => db.Sources.CountAsync()));
    }

    [Fact]
    public async Task A_kind_or_stance_that_is_not_on_the_list_gets_a_message_and_saves_nothing()
    {
        using var session = await EditorAsync("listless@example.org");
        var page = await session.GetPageAsync(NewPath);
        var form = FormValues(page, "Add source");
        foreach (var (label, value) in new Dictionary<string, string> { ["Title"] = "Bogus kind", ["Publisher"] = "P", ["Date"] = "2021", ["Language"] = "en", ["Text"] = Article("bogus-kind") })
        {
            form[LabelledName(page, label)] = value;
        }

        form["Input.Kind"] = "Rumour";
        var before = await CountsAsync();
        using (var response = await session.PostAsync(NewPath, form))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(MessageAfter(Html.Parse(await response.Content.ReadAsStringAsync()), "source-kind"));
        }

        var id = await AddSourceAsync(session, Article("bogus-stance"));
        before = await CountsAsync();
        var desk = await session.GetPageAsync(Desk(id));
        var evidence = FormValues(desk, "Add evidence");
        foreach (var (label, value) in EvidenceFields(await app.QueryAsync(db => db.Claims.Select(c => c.Id).FirstAsync()), "documented 47 killings"))
        {
            evidence[LabelledName(desk, label)] = value;
        }

        evidence["Evidence.Stance"] = "Refutes";
        using (var response = await session.PostAsync(Desk(id), evidence))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(MessageAfter(Html.Parse(await response.Content.ReadAsStringAsync()), "evidence-stance"));
        }

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_same_text_twice_is_refused_with_a_link_to_the_source_that_has_it()
    {
        using var session = await EditorAsync("twice@example.org");
        var text = Article("twice");
        var first = await AddSourceAsync(session, text);
        var before = await app.QueryAsync(db => db.Sources.CountAsync());

        using var response = await SubmitSourceAsync(session, text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var alert = page.QuerySelector("[role=alert]");
        Assert.NotNull(alert);
        Assert.Contains("already in the archive", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(Desk(first), alert.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal(before, await app.QueryAsync(db => db.Sources.CountAsync()));
    }

    [Fact]
    public async Task The_source_page_lists_the_quoted_statement_with_who_said_it()
    {
        using var session = await EditorAsync("reader-of-candidates@example.org");
        var id = await AddSourceAsync(session, Article("listed"));

        var page = await session.GetPageAsync(Desk(id));

        var candidate = Assert.Single(page.QuerySelectorAll("ol.candidate-list > li"));
        Assert.Equal("Farida Noorzai", candidate.QuerySelector(".candidate__speaker")?.TextContent);
        Assert.Contains(Quote, candidate.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_claim_makes_a_claim_whose_appearance_is_exactly_the_quote()
    {
        using var session = await EditorAsync("claim-maker@example.org");
        var text = Article("create");
        var id = await AddSourceAsync(session, text, date: "2021-12-05");
        var page = await session.GetPageAsync(Desk(id));

        using var response = await session.SubmitFormAsync(Desk(id), page, "Create claim", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var claimId = int.Parse(QueryValue(response, "claim"), CultureInfo.InvariantCulture);
        var claim = await app.QueryAsync(db => db.Claims.AsNoTracking().Include(c => c.Claimant).Include(c => c.Appearances).ThenInclude(a => a.Passage).SingleAsync(c => c.Id == claimId));
        Assert.Equal(Quote, claim.Quote);
        Assert.Equal("Farida Noorzai", claim.Claimant.Name);
        Assert.Equal(ReportedDate.Day(2021, 12, 5), claim.SaidOn);
        var passage = Assert.Single(claim.Appearances).Passage;
        Assert.Equal(id, passage.SourceId);
        Assert.Equal(Quote, text[passage.Start..passage.End]);
        Assert.Equal(Quote, passage.Exact);
        Assert.Equal(text[Math.Max(0, passage.Start - 32)..passage.Start], passage.Prefix);
        Assert.Equal(text[passage.End..Math.Min(text.Length, passage.End + 32)], passage.Suffix);
        var revision = await app.QueryAsync(db => db.Revisions.SingleAsync(r => r.EntityType == "Claim" && r.EntityId == claimId));
        Assert.Equal("claim-maker@example.org", revision.Author);

        var location = response.Headers.Location!;
        using var followed = await session.GetAsync(location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
        var after = Html.Parse(await followed.Content.ReadAsStringAsync());
        var status = after.QuerySelector("[role=status]");
        Assert.Contains($"Claim {claimId} created.", status?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/editor/claims/{claimId}/verdict", status?.QuerySelector("a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_candidate_with_tampered_offsets_is_refused_and_saves_nothing()
    {
        using var session = await EditorAsync("tamperer@example.org");
        var id = await AddSourceAsync(session, Article("tampered"));
        var page = await session.GetPageAsync(Desk(id));
        var fields = HiddenFields(page, "Create claim");
        fields["Start"] = (int.Parse(fields["Start"], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        fields["Intent"] = "create";
        var before = await CountsAsync();

        using var response = await session.PostAsync(Desk(id), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]");
        Assert.Equal("The candidate does not match the source's text: reload the page and try again.", alert?.TextContent.Trim());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Evidence_from_a_pasted_passage_cites_its_exact_place_and_an_ambiguous_one_is_refused()
    {
        using var session = await EditorAsync("evidence-finder@example.org");
        var text = Article("evidence");
        var id = await AddSourceAsync(session, text);
        var claimId = await app.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var before = await CountsAsync();

        var page = await session.GetPageAsync(Desk(id));
        using (var ambiguous = await session.SubmitFormAsync(Desk(id), page, "Add evidence", EvidenceFields(claimId, "former officials")))
        {
            Assert.Equal(HttpStatusCode.OK, ambiguous.StatusCode);
            var refused = Html.Parse(await ambiguous.Content.ReadAsStringAsync());
            Assert.Equal("The passage occurs 2 times in the text: paste a longer passage that occurs once.", MessageAfter(refused, "evidence-passage"));
            Assert.Equal(before, await CountsAsync());
        }

        const string passageText = "documented 47 killings of former officials";
        using var response = await session.SubmitFormAsync(Desk(id), page, "Add evidence", EvidenceFields(claimId, passageText));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var evidence = await app.QueryAsync(db => db.Evidence.AsNoTracking().Include(e => e.Passage).SingleAsync(e => e.ClaimId == claimId && e.Passage.SourceId == id));
        var start = text.IndexOf(passageText, StringComparison.Ordinal);
        Assert.Equal((start, start + passageText.Length), (evidence.Passage.Start, evidence.Passage.End));
        Assert.Equal(passageText, evidence.Passage.Exact);
        Assert.Equal(text[(start - 32)..start], evidence.Passage.Prefix);
        Assert.Equal(text[(start + passageText.Length)..(start + passageText.Length + 32)], evidence.Passage.Suffix);
        Assert.Equal((Stance.Contradicts, "Human Rights Watch", ReportedDate.Day(2021, 11, 30)), (evidence.Stance, evidence.Organization, evidence.FoundOn));
        var revision = await app.QueryAsync(db => db.Revisions.SingleAsync(r => r.EntityType == "Evidence" && r.EntityId == evidence.Id));
        Assert.Equal("evidence-finder@example.org", revision.Author);

        using var again = await session.SubmitFormAsync(Desk(id), page, "Add evidence", EvidenceFields(claimId, passageText));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains($"already evidence on claim {claimId}", Html.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_offsets_from_a_selection_are_checked_against_the_text()
    {
        using var session = await EditorAsync("selector@example.org");
        var text = Article("selection");
        var id = await AddSourceAsync(session, text);
        var claimId = await app.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Skip(1).FirstAsync());
        // The second "former officials": the offsets say which one was selected, which the words alone cannot.
        const string selected = "former officials";
        var start = text.LastIndexOf(selected, StringComparison.Ordinal);
        var page = await session.GetPageAsync(Desk(id));
        var form = FormValues(page, "Add evidence");
        foreach (var (name, value) in EvidenceFields(claimId, selected))
        {
            form[LabelledName(page, name)] = value;
        }

        form["Evidence.Start"] = (start + 1).ToString(CultureInfo.InvariantCulture);
        form["Evidence.End"] = (start + 1 + selected.Length).ToString(CultureInfo.InvariantCulture);
        using (var tampered = await session.PostAsync(Desk(id), form))
        {
            Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
            Assert.Equal("The selected passage does not match the source's text: select it again.", MessageAfter(Html.Parse(await tampered.Content.ReadAsStringAsync()), "evidence-passage"));
        }

        form["Evidence.Start"] = start.ToString(CultureInfo.InvariantCulture);
        form["Evidence.End"] = (start + selected.Length).ToString(CultureInfo.InvariantCulture);
        using var response = await session.PostAsync(Desk(id), form);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var passage = await app.QueryAsync(db => db.Evidence.Where(e => e.ClaimId == claimId && e.Passage.SourceId == id).Select(e => e.Passage).SingleAsync());
        Assert.Equal((start, start + selected.Length), (passage.Start, passage.End));
    }

    [Fact]
    public async Task A_candidate_becomes_an_appearance_of_an_existing_claim()
    {
        using var session = await EditorAsync("appearance@example.org");
        var first = await AddSourceAsync(session, Article("appearance-one"));
        using (var created = await session.SubmitFormAsync(Desk(first), await session.GetPageAsync(Desk(first)), "Create claim", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        }

        var claimId = await app.QueryAsync(db => db.Claims.Where(c => c.Appearances.Any(a => a.Passage.SourceId == first)).Select(c => c.Id).SingleAsync());
        var second = await AddSourceAsync(session, Article("appearance-two"));
        var page = await session.GetPageAsync(Desk(second));
        var fields = HiddenFields(page, "Create claim");
        fields["ClaimId"] = claimId.ToString(CultureInfo.InvariantCulture);
        fields["Intent"] = "appearance";

        using var response = await session.PostAsync(Desk(second), fields);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var sources = await app.QueryAsync(db => db.ClaimAppearances.Where(a => a.ClaimId == claimId).Select(a => a.Passage.SourceId).OrderBy(s => s).ToListAsync());
        Assert.Equal([first, second], sources);
    }

    private const string Quote = "Every former official can return to work and nobody will be punished";

    /// <summary>A made-up article with one quoted statement and two mentions of "former officials"; the tag keeps each test's text (and hash) its own.</summary>
    private static string Article(string tag) =>
        $"KABUL — The Ministry of Refugees issued new rules on Sunday ({tag}).\n\n" +
        $"“{Quote},” said Farida Noorzai, the ministry's spokeswoman.\n\n" +
        "Human Rights Watch documented 47 killings of former officials in four provinces, and the UN said former officials were still in hiding.\n";

    private static Dictionary<string, string> EvidenceFields(int claimId, string passage) => new()
    {
        ["Claim number"] = claimId.ToString(CultureInfo.InvariantCulture),
        ["Organization"] = "Human Rights Watch",
        ["Note"] = "Killings after the amnesty.",
        ["Found on"] = "2021-11-30",
        ["Passage"] = passage,
    };

    private static string Desk(int id) => $"/editor/sources/{id}";

    private async Task<FormSession> EditorAsync(string email)
    {
        await app.AddUserAsync(email, DeskRoles.Editor);
        return await app.SignInAsync(email);
    }

    private static async Task<HttpResponseMessage> SubmitSourceAsync(FormSession session, string text, string date = "2021-12-05", string url = "https://example.org/article", string archiveUrl = "")
    {
        var page = await session.GetPageAsync(NewPath);
        return await session.SubmitFormAsync(NewPath, page, "Add source", new Dictionary<string, string>
        {
            ["Title"] = "Ministry statement",
            ["Publisher"] = "Kabul Gazette",
            ["Author"] = "A. Reporter",
            ["Date"] = date,
            ["URL"] = url,
            ["Archive URL"] = archiveUrl,
            ["Language"] = "en",
            ["Text"] = text,
        });
    }

    private static async Task<int> AddSourceAsync(FormSession session, string text, string date = "2021-12-05")
    {
        using var response = await SubmitSourceAsync(session, text, date);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return SourceIdFrom(response);
    }

    private static int SourceIdFrom(HttpResponseMessage response)
    {
        var path = response.Headers.Location!.OriginalString;
        var segment = path.Split('?')[0].Split('/')[^1];
        return int.Parse(segment, CultureInfo.InvariantCulture);
    }

    private static string QueryValue(HttpResponseMessage response, string name)
    {
        var query = response.Headers.Location!.OriginalString.Split('?')[1];
        return query.Split('&').Select(p => p.Split('=')).Single(p => p[0] == name)[1];
    }

    private static Dictionary<string, string> HiddenFields(IHtmlDocument page, string button) =>
        page.Forms.First(f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == button))
            .QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);

    /// <summary>The hidden fields and the lists' current choices of the form with this button, as a browser would send them untouched.</summary>
    private static Dictionary<string, string> FormValues(IHtmlDocument page, string button)
    {
        var values = HiddenFields(page, button);
        var form = page.Forms.First(f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == button));
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select"))
        {
            values[select.Name!] = (select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options[0]!).Value;
        }

        return values;
    }

    private static string LabelledName(IHtmlDocument page, string label)
    {
        var labelElement = page.QuerySelectorAll<IHtmlLabelElement>("label").Single(l => l.TextContent.Trim() == label);
        return page.GetElementById(labelElement.HtmlFor!) switch
        {
            IHtmlInputElement input => input.Name!,
            IHtmlTextAreaElement area => area.Name!,
            _ => throw new InvalidOperationException(label),
        };
    }

    /// <summary>The validation message shown after the control with this id, as a reader of the page sees it.</summary>
    private static string? MessageAfter(IHtmlDocument page, string controlId) =>
        page.GetElementById(controlId)?.ParentElement?.QuerySelector(".validation-message")?.TextContent.Trim();

    private Task<(int Sources, int Claims, int Passages, int Evidence, int Appearances)> CountsAsync() =>
        app.QueryAsync(async db => (await db.Sources.CountAsync(), await db.Claims.CountAsync(), await db.Passages.CountAsync(), await db.Evidence.CountAsync(), await db.ClaimAppearances.CountAsync()));
}
