using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Browse;

[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class VerdictFeedTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task Feed_is_atom_with_one_entry_per_published_verdict()
    {
        var published = await App.QueryAsync(db => db.Verdicts.AsNoTracking()
            .Where(v => v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.Rating, v.Headline, ClaimSummary = v.Claim.Summary, v.ClaimId, ClaimSlug = v.Claim.Slug })
            .ToListAsync());

        var (feed, _) = await GetFeedAsync();

        Assert.Equal(Math.Min(published.Count, 50), feed.Items.Count());
        Assert.False(string.IsNullOrWhiteSpace(feed.Id));
        Assert.False(string.IsNullOrWhiteSpace(feed.Title?.Text));
        Assert.NotEqual(default, feed.LastUpdatedTime);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.IsAbsoluteUri && l.Uri.AbsolutePath == "/feeds/verdicts.atom");
        Assert.NotEmpty(feed.Authors);

        var ids = feed.Items.Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var verdict in published)
        {
            var title = $"{RatingScale.Get(verdict.Rating).Label}: {verdict.ClaimSummary}";
            var entry = feed.Items.SingleOrDefault(i => i.Title.Text == title && ((TextSyndicationContent)i.Summary).Text.Contains(verdict.Headline, StringComparison.Ordinal));
            Assert.True(entry is not null, $"no entry titled “{title}” for verdict {verdict.Id}");
            Assert.EndsWith($"/claims/{verdict.ClaimId}/{verdict.ClaimSlug}", entry.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri, StringComparison.Ordinal);
            Assert.NotEqual(default, entry.LastUpdatedTime);
            Assert.NotEmpty(entry.Authors);
        }
    }

    [Fact]
    public async Task A_re_rated_claim_has_an_entry_for_each_verdict()
    {
        var (feed, _) = await GetFeedAsync();

        var mujahid = feed.Items.Where(i => i.Title.Text.EndsWith("The Taliban have granted an amnesty to all government and non-government employees.", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, mujahid.Count);
        Assert.Contains(mujahid, i => i.Title.Text.StartsWith("Unproven:", StringComparison.Ordinal));
        Assert.Contains(mujahid, i => i.Title.Text.StartsWith("Misleading:", StringComparison.Ordinal));
        Assert.NotEqual(mujahid[0].Id, mujahid[1].Id);
    }

    [Fact]
    public async Task Entries_are_newest_first_and_every_link_resolves()
    {
        var (feed, _) = await GetFeedAsync();
        var items = feed.Items.ToList();

        var updated = items.Select(i => i.LastUpdatedTime).ToList();
        Assert.Equal(updated.OrderByDescending(t => t), updated);
        foreach (var link in items.SelectMany(i => i.Links).Concat(feed.Links).Select(l => l.Uri).Distinct())
        {
            Assert.True(link.IsAbsoluteUri, $"{link} is not absolute");
            using var response = await Client.GetAsync(new Uri(App.BaseAddress, link.PathAndQuery));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} returned {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Document_is_well_formed_atom_with_html_content_and_the_right_media_type()
    {
        var (_, raw) = await GetFeedAsync();

        var document = XDocument.Parse(raw);
        Assert.Equal(Atom + "feed", document.Root!.Name);
        foreach (var required in new[] { "id", "title", "updated" })
        {
            Assert.NotNull(document.Root.Element(Atom + required));
        }

        var entries = document.Root.Elements(Atom + "entry").ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, entry =>
        {
            Assert.StartsWith("tag:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);
            Assert.NotNull(entry.Element(Atom + "updated"));
            var content = entry.Element(Atom + "content");
            Assert.Equal("html", content?.Attribute("type")?.Value);
            // The rationale is rendered Markdown: escaped HTML with no script in it.
            var html = Html.ParseFragment(content!.Value);
            Assert.Empty(html.QuerySelectorAll("script"));
            Assert.All(html.QuerySelectorAll("a[href]"), a => Assert.True(UrlSafety.IsAllowed(a.GetAttribute("href")), a.GetAttribute("href")));
        });
    }

    [Fact]
    public async Task Pages_advertise_the_feed()
    {
        var page = await GetPageAsync("/");

        var link = page.QuerySelector("head link[rel='alternate'][type='application/atom+xml']");
        Assert.NotNull(link);
        Assert.Equal("/feeds/verdicts.atom", link.GetAttribute("href"));
    }

    private async Task<(SyndicationFeed Feed, string Raw)> GetFeedAsync()
    {
        using var response = await Client.GetAsync(new Uri("/feeds/verdicts.atom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var raw = await response.Content.ReadAsStringAsync();
        using var reader = XmlReader.Create(new StringReader(raw));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "the response is not an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        return (formatter.Feed, raw);
    }
}
