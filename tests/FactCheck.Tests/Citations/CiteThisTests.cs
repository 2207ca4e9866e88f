using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Citations;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Citations;

/// <summary>
/// Over real HTTP: the "Cite this" box on claim and document pages, its downloads, the head tags reference managers
/// and link previews read, and the oEmbed endpoint.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class CiteThisTests(FactCheckAppFactory app) : WebTestBase(app)
{
    public static TheoryData<string, string> Downloads => new()
    {
        { "bib", "application/x-bibtex" },
        { "ris", "application/x-research-info-systems" },
        { "json", "application/vnd.citationstyles.csl+json" },
    };

    [Fact]
    public async Task The_claim_page_has_a_folded_cite_this_box_with_the_permalink_and_three_styles_after_the_evidence()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Path);
        var permalink = Resolve($"{balki.Path}/v/{await NewestVersionAsync(balki.Id)}").AbsoluteUri;

        var box = Assert.Single(page.QuerySelectorAll("details.cite-this"));
        Assert.Equal("Cite this", box.QuerySelector("summary")!.TextContent.Trim());
        Assert.Equal(permalink, box.QuerySelector(".cite-this__permalink a")!.GetAttribute("href"));
        Assert.Equal(["APA 7", "MLA 9", "Chicago"], box.QuerySelectorAll("dt").Select(dt => dt.TextContent.Trim()));
        var styles = box.QuerySelectorAll("p.cite-this__text").Select(p => p.TextContent).ToList();
        Assert.Equal(3, styles.Count);
        Assert.All(styles, text => Assert.Contains("Abdul Qahar Balki: The Taliban", text, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("FactCheck. (2021, December). ", styles[0], StringComparison.Ordinal);
        Assert.Contains(permalink, styles[0], StringComparison.Ordinal);
        Assert.Contains(permalink, styles[2], StringComparison.Ordinal);

        // Reading order: the evidence, then the box.
        var evidence = page.QuerySelector(".evidence-list")!;
        Assert.True(evidence.CompareDocumentPosition(box).HasFlag(AngleSharp.Dom.DocumentPositions.Following), "the box comes before the evidence");
    }

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Each_claim_download_answers_with_its_type_as_an_attachment_and_parses(string extension, string mediaType)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Path);
        var href = Assert.Single(page.QuerySelectorAll("details.cite-this > .cite-this__downloads a"), a => a.GetAttribute("href")!.EndsWith("." + extension, StringComparison.Ordinal)).GetAttribute("href")!;

        using var response = await Client.GetAsync(Resolve(href));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"factcheck-claim-{balki.Id}.{extension}", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.False(response.Headers.Contains("Set-Cookie"), "a download sets a cookie");
        Assert.True(response.Headers.Contains("Content-Security-Policy"), "a download lacks the security headers");
        AssertParses(extension, body, Resolve($"{balki.Path}/v/{await NewestVersionAsync(balki.Id)}").AbsoluteUri);
    }

    [Fact]
    public async Task A_passage_has_its_own_permalink_and_downloads_on_the_document_page()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var cited = balki.Evidence[0];
        var page = await GetPageAsync(cited.SourcePath);

        var box = Assert.Single(page.QuerySelectorAll("details.cite-this"));
        Assert.Equal(Resolve(cited.SourcePath).AbsoluteUri, box.QuerySelector(".cite-this__permalink a")!.GetAttribute("href"));
        var passage = Assert.Single(box.QuerySelectorAll(".cite-this__passage-list > li"), li => li.QuerySelector(".cite-this__permalink a")!.GetAttribute("href") == Resolve(cited.Href).AbsoluteUri);
        Assert.Equal(3, passage.QuerySelectorAll("p.cite-this__text").Length);

        foreach (var (extension, mediaType) in new[] { ("bib", "application/x-bibtex"), ("ris", "application/x-research-info-systems"), ("json", "application/vnd.citationstyles.csl+json") })
        {
            var href = passage.QuerySelectorAll(".cite-this__downloads a").Single(a => a.GetAttribute("href")!.EndsWith("." + extension, StringComparison.Ordinal)).GetAttribute("href")!;
            Assert.Equal($"/sources/{cited.SourceId}/passages/{cited.PassageId}/cite.{extension}", href);
            using var response = await Client.GetAsync(Resolve(href));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            AssertParses(extension, await response.Content.ReadAsStringAsync(), Resolve(cited.Href).AbsoluteUri);
        }
    }

    [Theory]
    [InlineData("/claims/999999/cite.bib")]
    [InlineData("/sources/999999/cite.ris")]
    public async Task A_download_for_nothing_is_not_found(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_passage_of_another_document_is_not_found()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var cited = balki.Evidence[0];

        using var response = await Client.GetAsync(new Uri($"/sources/{cited.SourceId + 1000}/passages/{cited.PassageId}/cite.ris", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("source")]
    public async Task The_head_carries_highwire_open_graph_and_twitter_tags_once_each_beside_one_canonical_link(string which)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var path = which == "claim" ? balki.Path : balki.Evidence[0].SourcePath;
        var page = await GetPageAsync(path);

        var canonical = Assert.Single(page.QuerySelectorAll("link[rel='canonical']"));
        Assert.Equal(Resolve(path).AbsoluteUri, canonical.GetAttribute("href"));
        foreach (var name in new[] { "citation_title", "citation_publisher", "citation_publication_date", "citation_public_url", "twitter:card", "twitter:title", "twitter:description" })
        {
            Assert.Single(page.QuerySelectorAll($"head meta[name='{name}']"));
        }

        foreach (var property in new[] { "og:title", "og:type", "og:url", "og:description", "og:site_name" })
        {
            Assert.Single(page.QuerySelectorAll($"head meta[property='{property}']"));
        }

        Assert.Equal(canonical.GetAttribute("href"), Meta(page, "property", "og:url"));

        // A reference manager keeps the version read; a shared link (og:url) goes to the page as it is now.
        var cited = which == "claim" ? Resolve($"{path}/v/{await NewestVersionAsync(balki.Id)}").AbsoluteUri : canonical.GetAttribute("href");
        Assert.Equal(cited, Meta(page, "name", "citation_public_url"));
        Assert.Equal("article", Meta(page, "property", "og:type"));
        Assert.Equal("summary", Meta(page, "name", "twitter:card"));
        Assert.Equal(Meta(page, "name", "description"), Meta(page, "property", "og:description"));
        if (which == "claim")
        {
            Assert.Equal("Abdul Qahar Balki: The Taliban are fully enforcing their amnesty, and former government staff are not being harassed", Meta(page, "name", "citation_title"));
            Assert.Equal("2021/12", Meta(page, "name", "citation_publication_date"));
            Assert.Equal("FactCheck", Meta(page, "name", "citation_author"));
        }
    }

    [Fact]
    public async Task The_claim_page_links_its_oembed_and_the_endpoint_answers_a_rich_card()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var page = await GetPageAsync(balki.Path);
        var discovery = Assert.Single(page.QuerySelectorAll("head link[rel='alternate'][type='application/json+oembed']"));

        using var response = await Client.GetAsync(new Uri(discovery.GetAttribute("href")!));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal("rich", root.GetProperty("type").GetString());
        Assert.Equal("FactCheck", root.GetProperty("provider_name").GetString());
        Assert.Equal("Polygraph.info", root.GetProperty("author_name").GetString());
        Assert.Equal(OEmbed.Width, root.GetProperty("width").GetInt32());
        Assert.True(root.GetProperty("height").GetInt32() > 0);
        var card = Html.ParseFragment(root.GetProperty("html").GetString()!);
        Assert.Empty(card.QuerySelectorAll("script"));
        Assert.Equal("Misleading", card.QuerySelector("blockquote strong")!.TextContent);
        Assert.Equal(Resolve(balki.Path).AbsoluteUri, card.QuerySelector("blockquote a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Oembed_keeps_within_maxwidth()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);

        using var json = JsonDocument.Parse(await Client.GetStringAsync(OEmbedUri(Resolve(balki.Path).AbsoluteUri, "&maxwidth=320&maxheight=100")));

        Assert.Equal(320, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(100, json.RootElement.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("https://evil.example/claims/{id}/x", "", HttpStatusCode.NotFound)]
    [InlineData("{base}/claims/999999/x", "", HttpStatusCode.NotFound)]
    [InlineData("{base}/sources/1/x", "", HttpStatusCode.NotFound)]
    [InlineData("{base}/claims/{id}/x", "&format=xml", HttpStatusCode.NotImplemented)]
    [InlineData("", "", HttpStatusCode.BadRequest)]
    public async Task Oembed_refuses_what_is_not_one_of_our_claims_as_json(string url, string more, HttpStatusCode expected)
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var target = url.Replace("{base}", App.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace("{id}", balki.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        using var response = await Client.GetAsync(target.Length == 0 ? new Uri("/oembed" + (more.Length > 0 ? "?" + more[1..] : ""), UriKind.Relative) : OEmbedUri(target, more));

        Assert.Equal(expected, response.StatusCode);
    }

    private Uri OEmbedUri(string url, string more) => Resolve($"/oembed?url={Uri.EscapeDataString(url)}{more}");

    private static string? Meta(IHtmlDocument page, string attribute, string name) =>
        page.QuerySelector($"head meta[{attribute}='{name}']")?.GetAttribute("content");

    /// <summary>The version a citation names: the page as it stands when it is read.</summary>
    private Task<int> NewestVersionAsync(int claimId) => App.QueryAsync(db => db.ClaimVersions.Where(v => v.ClaimId == claimId).MaxAsync(v => v.Number));

    private static void AssertParses(string extension, string body, string permalink)
    {
        switch (extension)
        {
            case "json":
                using (var json = JsonDocument.Parse(body))
                {
                    var item = Assert.Single(json.RootElement.EnumerateArray().ToList());
                    Assert.Equal("webpage", item.GetProperty("type").GetString());
                    Assert.Equal(permalink, item.GetProperty("URL").GetString());
                    Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("title").GetString()));
                }

                break;
            case "ris":
                Assert.StartsWith("TY  - ", body, StringComparison.Ordinal);
                Assert.EndsWith("ER  - ", body.TrimEnd('\r', '\n'), StringComparison.Ordinal);
                Assert.Contains("UR  - " + permalink + "\r\n", body, StringComparison.Ordinal);
                Assert.All(body.TrimEnd('\r', '\n').Split("\r\n"), line => Assert.Matches("^[A-Z][A-Z0-9]  - ", line));
                break;
            default:
                Assert.StartsWith("@misc{", body, StringComparison.Ordinal);
                var depth = 0;
                for (var i = 0; i < body.Length; i++)
                {
                    if (body[i] == '\\')
                    {
                        i++;
                        continue;
                    }

                    depth += body[i] == '{' ? 1 : body[i] == '}' ? -1 : 0;
                    Assert.True(depth >= 0, "a closing brace without its opening one");
                }

                Assert.Equal(0, depth);
                Assert.Contains("url = {" + permalink + "}", body, StringComparison.Ordinal);
                break;
        }
    }
}
