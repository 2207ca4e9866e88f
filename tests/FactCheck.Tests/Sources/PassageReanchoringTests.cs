using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using FactCheck.Data.Entities;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Sources;

/// <summary>
/// A source's text corrected on the desk, over real HTTP: citations follow their words, a passage that is gone
/// is flagged to readers and queued for editors with its quote as cited, and an editor can resolve it.
/// </summary>
[Trait("Database", "Both")]
public sealed class PassageReanchoringTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
{
    private const string Cited = "Human Rights Watch documented 47 killings of former officials in four provinces";
    private const string Url = "https://example.org/kabul-rules";

    [Fact]
    public async Task A_correction_that_moves_a_cited_passage_keeps_its_links_on_the_same_words()
    {
        using var session = await EditorAsync("mover@example.org");
        var (sourceId, claimId, passageId) = await CitedSourceAsync(session, "moves", claimIndex: 0);
        var text = await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync());

        using var response = await CorrectAsync(session, sourceId, "Correction: an earlier version misspelt the ministry.\r\n\r\n" + text, "Added the correction notice");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var desk = await session.GetPageAsync(PathOf(response.Headers.Location!));
        Assert.Equal("Text corrected: 1 passage found again, 0 could not be found and are flagged.", desk.QuerySelector(".desk-message")?.TextContent.Trim());
        Assert.Contains(desk.QuerySelectorAll(".source-meta dd"), dd => dd.TextContent == "2021-12-06");

        // The reader's view: the evidence item's "Read in context" lands on a block whose marked words are the quote.
        using var reader = new FormSession(app.BaseAddress);
        var claim = await ClaimPageAsync(reader, claimId);
        var item = EvidenceItem(claim, Cited);
        Assert.Null(item.QuerySelector("[role=note]"));
        var href = item.QuerySelector(".evidence__link a")!.GetAttribute("href")!;
        Assert.EndsWith($"#passage-{passageId}", href, StringComparison.Ordinal);
        var source = await reader.GetPageAsync(href.Split('#')[0]);
        Assert.NotNull(source.GetElementById($"passage-{passageId}"));
        var marked = string.Concat(source.QuerySelectorAll($"mark[data-passages~='{passageId}']").Select(m => m.TextContent));
        Assert.Equal(Cited, marked);

        // Out to the publisher: the original URL with a text fragment for the quote, the archive, the access date.
        var original = item.QuerySelectorAll(".evidence__origin a").Select(a => a.GetAttribute("href")).First();
        Assert.Equal(Url + "#:~:text=Officials%20said%3A-,Human%20Rights%20Watch%20documented,officials%20in%20four%20provinces,-%2C%20and%20the", original);
        Assert.Contains(item.QuerySelectorAll(".evidence__origin a"), a => a.TextContent.StartsWith("Archived copy", StringComparison.Ordinal) && a.GetAttribute("href") == "https://archive.example.org/kabul-rules");
        Assert.Equal("Accessed 6 December 2021", item.QuerySelector(".evidence__accessed")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_correction_that_drops_a_cited_passage_flags_it_for_readers_and_queues_it_for_editors_until_resolved()
    {
        using var session = await EditorAsync("dropper@example.org");
        var lostBefore = await app.QueryAsync(db => db.Passages.CountAsync(p => p.LostAtUtc != null));
        var (sourceId, claimId, passageId) = await CitedSourceAsync(session, "drops", claimIndex: 1);
        var text = await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync());
        var corrected = text.Replace(Cited, "Human Rights Watch documented killings of former officials", StringComparison.Ordinal);

        using (var response = await CorrectAsync(session, sourceId, corrected, "The count was the reporter's, not HRW's"))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            var desk = await session.GetPageAsync(PathOf(response.Headers.Location!));
            Assert.Equal("Text corrected: 0 passages found again, 1 could not be found and is flagged.", desk.QuerySelector(".desk-message")?.TextContent.Trim());
        }

        var passage = await app.QueryAsync(db => db.Passages.AsNoTracking().SingleAsync(p => p.Id == passageId));
        Assert.NotNull(passage.LostAtUtc);
        Assert.Equal(Cited, passage.Exact);
        var revision = await app.QueryAsync(db => db.Revisions.OrderBy(r => r.Id).LastAsync(r => r.EntityType == RevisionSubjects.Source && r.EntityId == sourceId));
        Assert.Equal(("dropper@example.org", "The count was the reporter's, not HRW's"), (revision.Author, revision.Reason));

        // Readers: the quote as it was cited, with the note, and no link to words the publisher may no longer have.
        using var reader = new FormSession(app.BaseAddress);
        var item = EvidenceItem(await ClaimPageAsync(reader, claimId), Cited);
        var today = DateTime.UtcNow.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Equal(
            $"This passage is no longer in the source's corrected text (corrected {today}). The quote is shown as it was cited.",
            item.QuerySelector("[role=note]")?.TextContent.Trim());
        Assert.Equal(Url, item.QuerySelector(".evidence__origin a")?.GetAttribute("href"));
        var sourcePage = await reader.GetPageAsync(item.QuerySelector(".evidence__link a")!.GetAttribute("href")!.Split('#')[0]);
        Assert.Empty(sourcePage.QuerySelectorAll($"mark[data-passages~='{passageId}']"));
        var listed = sourcePage.GetElementById($"passage-{passageId}");
        Assert.NotNull(listed?.Closest(".lost-passages"));
        Assert.Equal(Cited, listed!.QuerySelector("blockquote")?.TextContent.Trim());

        // Editors: the queue lists it with its source and claim, and the dashboard counts it.
        var queue = await session.GetPageAsync("/editor/passages");
        var entry = queue.GetElementById($"lost-{passageId}");
        Assert.NotNull(entry);
        Assert.Equal(Cited, entry.QuerySelector("blockquote")?.TextContent.Trim());
        Assert.Contains(entry.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/editor/sources/{sourceId}");
        Assert.Contains(entry.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/editor/claims/{claimId}/verdict");
        var dashboard = await session.GetPageAsync("/editor");
        Assert.Equal($"Lost passages: {lostBefore + 1}", dashboard.GetElementById("lost-passages-link")?.TextContent.Trim());

        // Resolve: words that are not in the text are refused at the field; the right ones re-point the passage.
        var resolvePath = $"/editor/passages/{passageId}";
        var form = await session.GetPageAsync(resolvePath);
        using (var refused = await session.SubmitFormAsync(resolvePath, form, "Cite these words", new Dictionary<string, string> { ["Words to cite in the corrected text"] = Cited }))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = Html.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("These words are not in the source's corrected text: copy them exactly as they appear.", page.GetElementById("resolve-quote")?.ParentElement?.QuerySelector(".validation-message")?.TextContent.Trim());
        }

        const string Again = "Human Rights Watch documented killings of former officials";
        using (var resolved = await session.SubmitFormAsync(resolvePath, form, "Cite these words", new Dictionary<string, string> { ["Words to cite in the corrected text"] = Again }))
        {
            Assert.Equal(HttpStatusCode.Found, resolved.StatusCode);
        }

        passage = await app.QueryAsync(db => db.Passages.AsNoTracking().SingleAsync(p => p.Id == passageId));
        Assert.Null(passage.LostAtUtc);
        Assert.Equal(Again, corrected[passage.Start..passage.End]);
        Assert.Null((await session.GetPageAsync("/editor/passages")).GetElementById($"lost-{passageId}"));
        Assert.True(await app.QueryAsync(db => db.Revisions.AnyAsync(r => r.EntityType == RevisionSubjects.Passage && r.EntityId == passageId && r.Author == "dropper@example.org")));
        var after = EvidenceItem(await ClaimPageAsync(reader, claimId), Again);
        Assert.Null(after.QuerySelector("[role=note]"));
    }

    [Fact]
    public async Task A_correction_made_on_text_someone_else_has_corrected_since_is_refused_and_overwrites_nothing()
    {
        using var session = await EditorAsync("slow@example.org");
        var (sourceId, _, _) = await CitedSourceAsync(session, "stale", claimIndex: 2);
        var opened = await session.GetPageAsync($"/editor/sources/{sourceId}");
        var text = await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync());

        using (var first = await CorrectAsync(session, sourceId, text + "Updated at 10:00.\n", "Update"))
        {
            Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        }

        using var stale = await session.SubmitFormAsync($"/editor/sources/{sourceId}", opened, "Save the corrected text", new Dictionary<string, string>
        {
            ["Corrected text"] = text + "A different edit.\n",
            ["Reason for the correction"] = "Mine",
        });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = Html.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Contains("Someone else corrected this text since you opened it", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(text + "Updated at 10:00.\n", await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync()));
    }

    [Fact]
    public async Task A_correction_without_a_reason_gets_a_message_at_its_field_and_saves_nothing()
    {
        using var session = await EditorAsync("terse@example.org");
        var (sourceId, _, _) = await CitedSourceAsync(session, "reasonless", claimIndex: 3);
        var text = await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync());

        using var response = await CorrectAsync(session, sourceId, "Replaced.\n", "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Say why the text is corrected: readers and editors see it in the history.", page.GetElementById("correct-reason")?.ParentElement?.QuerySelector(".validation-message")?.TextContent.Trim());
        Assert.Equal(text, await app.QueryAsync(db => db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync()));
    }

    [Fact]
    public async Task The_queue_the_resolve_page_and_the_correction_need_a_desk_role()
    {
        var sourceId = await app.QueryAsync(db => db.Sources.Select(s => s.Id).FirstAsync());
        var passageId = await app.QueryAsync(db => db.Passages.Select(p => p.Id).FirstAsync());
        using var anonymous = new FormSession(app.BaseAddress);
        foreach (var path in new[] { "/editor/passages", $"/editor/passages/{passageId}" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        }

        using var post = await anonymous.PostAsync($"/editor/sources/{sourceId}", new Dictionary<string, string> { ["_handler"] = "correct-text", ["Correction.Text"] = "x", ["Correction.Reason"] = "x" });
        Assert.Equal(HttpStatusCode.Found, post.StatusCode);
        Assert.Equal("/account/login", post.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_short_passage_link_answers_301_with_the_passages_canonical_address_and_an_unknown_one_404()
    {
        var passage = await app.QueryAsync(db => db.Passages.Select(p => new { p.Id, p.SourceId, p.Source.Slug }).FirstAsync());
        using var client = app.CreateHttpClient();

        using var response = await client.GetAsync($"/p/{passage.Id}");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal($"/sources/{passage.SourceId}/{passage.Slug}#passage-{passage.Id}", response.Headers.Location!.OriginalString);

        using var unknown = await client.GetAsync("/p/999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("text/html", unknown.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private async Task<FormSession> EditorAsync(string email)
    {
        await app.AddUserAsync(email, DeskRoles.Editor);
        return await app.SignInAsync(email);
    }

    /// <summary>
    /// Adds a source through the desk form and cites <see cref="Cited"/> from it as evidence on a seeded claim,
    /// a different claim per test so that each claim page shows the quote once.
    /// </summary>
    private async Task<(int SourceId, int ClaimId, int PassageId)> CitedSourceAsync(FormSession session, string tag, int claimIndex)
    {
        var text = $"KABUL — The Ministry of Refugees issued new rules on Sunday ({tag}).\r\n\r\nOfficials said: {Cited}, and the UN said former officials were still in hiding.\r\n";
        var newPage = await session.GetPageAsync("/editor/sources/new");
        using var added = await session.SubmitFormAsync("/editor/sources/new", newPage, "Add source", new Dictionary<string, string>
        {
            ["Title"] = "Ministry rules " + tag,
            ["Publisher"] = "Kabul Gazette",
            ["Date"] = "2021-12-05",
            ["URL"] = Url,
            ["Archive URL"] = "https://archive.example.org/kabul-rules",
            ["Accessed on"] = "2021-12-06",
            ["Language"] = "en",
            ["Text"] = text,
        });
        Assert.Equal(HttpStatusCode.Found, added.StatusCode);
        var sourceId = int.Parse(added.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1], CultureInfo.InvariantCulture);

        var claimId = await app.QueryAsync(db => db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Skip(claimIndex).FirstAsync());
        var desk = await session.GetPageAsync($"/editor/sources/{sourceId}");
        using var cited = await session.SubmitFormAsync($"/editor/sources/{sourceId}", desk, "Add evidence", new Dictionary<string, string>
        {
            ["Claim number"] = claimId.ToString(CultureInfo.InvariantCulture),
            ["Organization"] = "Human Rights Watch",
            ["Passage"] = Cited,
        });
        Assert.Equal(HttpStatusCode.Found, cited.StatusCode);
        var passageId = await app.QueryAsync(db => db.Passages.Where(p => p.SourceId == sourceId).Select(p => p.Id).SingleAsync());
        return (sourceId, claimId, passageId);
    }

    private static async Task<HttpResponseMessage> CorrectAsync(FormSession session, int sourceId, string text, string reason)
    {
        var path = $"/editor/sources/{sourceId}";
        var page = await session.GetPageAsync(path);
        return await session.SubmitFormAsync(path, page, "Save the corrected text", new Dictionary<string, string>
        {
            ["Corrected text"] = text,
            ["Reason for the correction"] = reason,
        });
    }

    private async Task<IHtmlDocument> ClaimPageAsync(FormSession reader, int claimId)
    {
        var slug = await app.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Slug).SingleAsync());
        return await reader.GetPageAsync($"/claims/{claimId}/{slug}");
    }

    private static AngleSharp.Dom.IElement EvidenceItem(IHtmlDocument claimPage, string quote) =>
        Assert.Single(claimPage.QuerySelectorAll("article.evidence"), a => a.QuerySelector("blockquote")?.TextContent.Trim() == quote);
}
