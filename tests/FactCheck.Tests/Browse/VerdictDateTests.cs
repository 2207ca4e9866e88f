using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Browse;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Features.Home;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Browse;

/// <summary>
/// The dates a reader sees and the order they see them in agree: a verdict's publication date where it has
/// one, its as-of date otherwise, and never the moment the archive was imported. Feed ids are permanent.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public class VerdictDateTests(FactCheckAppFactory app) : WebTestBase(app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task The_Balki_entry_is_published_when_Polygraph_info_published_it_not_when_it_was_imported()
    {
        var balki = await App.QueryAsync(db => db.Verdicts.AsNoTracking()
            .Where(v => v.Claim.Key == SeededClaims.BalkiKey)
            .Select(v => new { v.Id, v.PublishedAtUtc })
            .SingleAsync());

        var entry = Entry(await GetFeedAsync("/feeds/verdicts.atom"), balki.Id);

        Assert.Equal("2021-12-01T00:00:00Z", entry.Element(Atom + "published")!.Value);
        Assert.Equal("2021-12-01T00:00:00Z", entry.Element(Atom + "updated")!.Value);
        Assert.Equal("Polygraph.info", entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.NotEqual(DateOnly.FromDateTime(balki.PublishedAtUtc!.Value), new DateOnly(2021, 12, 1));
    }

    [Fact]
    public async Task Every_entry_is_dated_and_credited_by_its_verdict_and_the_entries_follow_those_dates()
    {
        var verdicts = await App.QueryAsync(db => db.Verdicts.AsNoTracking()
            .Where(v => v.Status == VerdictStatus.Published)
            .Select(v => new { v.Id, v.AsOf, v.PublishedOn, v.PublishedAtUtc, v.Author })
            .ToListAsync());
        var expected = ShownDate.NewestFirst(verdicts, v => ShownDate.Of(v.PublishedOn, v.AsOf), v => v.PublishedAtUtc, v => v.Id)
            .Take(50)
            .Select(v => v.Id)
            .ToList();

        var entries = (await GetFeedAsync("/feeds/verdicts.atom")).Elements(Atom + "entry").ToList();

        Assert.Equal(expected, entries.Select(VerdictId).ToList());
        var published = entries.Select(e => DateTimeOffset.Parse(e.Element(Atom + "published")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
        foreach (var entry in entries)
        {
            var verdict = verdicts.Single(v => v.Id == VerdictId(entry));
            var shown = ShownDate.Of(verdict.PublishedOn, verdict.AsOf);
            Assert.Equal(shown.FirstInstantUtc, published[entries.IndexOf(entry)]);
            Assert.Equal(verdict.Author, entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        }
    }

    [Theory]
    [InlineData("/feeds/verdicts.atom", "feeds/verdicts")]
    [InlineData("/feeds/corrections.atom", "feeds/corrections")]
    public async Task Feed_and_entry_ids_are_the_same_under_every_host_name_the_site_answers(string path, string feedName)
    {
        var port = App.BaseAddress.Port;
        var bodies = new List<string>();
        foreach (var host in new[] { $"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}" })
        {
            var response = await RawHttp.SendAsync(App.BaseAddress, path, host);
            Assert.Equal(200, response.Status);
            bodies.Add(response.Body);
        }

        var ids = bodies.Select(body => XDocument.Parse(body).Descendants(Atom + "id").Select(id => id.Value).ToList()).ToList();
        Assert.All(ids, set => Assert.Equal(ids[0], set));
        Assert.Equal($"tag:{SiteSettings.DefaultFeedIdAuthority},2026:{feedName}", ids[0][0]);
        Assert.All(ids[0].Skip(1), id => Assert.Matches($"^tag:{SiteSettings.DefaultFeedIdAuthority.Replace(".", "\\.", StringComparison.Ordinal)},2026:verdict-[0-9]+$", id));
        Assert.All(bodies, body => Assert.All(HostCorpus.FeedIdAuthorities(body), a => Assert.Equal(SiteSettings.DefaultFeedIdAuthority, a)));
    }

    [Fact]
    public async Task Latest_verdicts_on_the_home_page_are_in_the_order_of_the_dates_they_show()
    {
        HomePageModel model;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            model = await scope.ServiceProvider.GetRequiredService<HomePageService>().GetAsync();
        }

        Assert.NotEmpty(model.LatestVerdicts);
        var dates = model.LatestVerdicts.Select(v => v.Shown.Date.Date).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var balkiView = model.LatestVerdicts.Single(v => v.ClaimId == balki.Id);
        Assert.Equal(("Published", "December 2021", "2021-12"), (balkiView.ShownPrefix, balkiView.ShownDisplay, balkiView.ShownIso));
        Assert.Equal("Published December 2021", balkiView.Shown.Label);
        Assert.All(model.LatestVerdicts.Where(v => v.PublishedOn is null), v => Assert.Equal("As of " + v.AsOfDisplay, v.Shown.Label));

        // The page lists them in the model's order.
        var page = await GetPageAsync("/");
        var links = page.QuerySelectorAll("section.latest .card__title a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(model.LatestVerdicts.Select(v => v.ClaimUrl).ToList(), links);

        // And shows each card's date, newest first, and who reached the verdict.
        var cards = page.QuerySelectorAll("section.latest .card").ToList();
        var shown = cards.Select(c => c.QuerySelector(".card__rating time")!.GetAttribute("datetime")!).ToList();
        Assert.Equal(model.LatestVerdicts.Select(v => v.ShownIso).ToList(), shown);
        var balkiCard = cards.Single(c => c.QuerySelector(".card__title a")!.GetAttribute("href") == balkiView.ClaimUrl);
        Assert.Contains("Published December 2021", TextNormalizer.Collapse(balkiCard.TextContent), StringComparison.Ordinal);
        Assert.Contains("verdict by Polygraph.info", balkiCard.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimReview_datePublished_is_the_reviews_publication_date_and_absent_when_unknown()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var mujahid = await App.QueryAsync(db => db.Claims.AsNoTracking()
            .Where(c => c.Key == "mujahid-amnesty-for-all-employees").Select(c => new { c.Id, c.Slug }).SingleAsync());

        var balkiReview = await LoadClaimReviewAsync(balki.Path);
        var mujahidReview = await LoadClaimReviewAsync($"/claims/{mujahid.Id}/{mujahid.Slug}");

        Assert.Equal("2021-12", balkiReview.GetProperty("datePublished").GetString());
        Assert.False(mujahidReview.TryGetProperty("datePublished", out var date), $"an archive verdict without a publication date says {date}");
    }

    [Fact]
    public async Task The_scorecard_says_whose_verdicts_it_counts()
    {
        var slug = await App.QueryAsync(db => db.Claims.Where(c => c.Key == SeededClaims.BalkiKey).Select(c => c.Claimant.Slug).SingleAsync());
        ClaimantPageModel? model;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            model = await scope.ServiceProvider.GetRequiredService<ClaimantPageService>().GetAsync(slug);
        }

        Assert.NotNull(model);
        var polygraph = Assert.Single(model.RatedBy);
        Assert.Equal("Polygraph.info", polygraph.Organisation);
        Assert.Equal(1, polygraph.ByRating[Rating.Misleading]);
        Assert.Equal("Ratings by Polygraph.info (1)", model.RatedBySummary);
        Assert.Equal(model.Scorecard.Where(r => r.Rating is not null).Sum(r => r.Count), model.RatedBy.Sum(a => a.Count));

        // The reader sees it under the chart.
        var page = await GetPageAsync($"/claimants/{slug}");
        Assert.Equal("Ratings by Polygraph.info (1).", TextNormalizer.Collapse(page.QuerySelector(".scorecard__rated-by")?.TextContent));
    }

    [Fact]
    public async Task A_claimant_rated_by_several_organisations_gets_each_credited()
    {
        var slugs = await App.QueryAsync(db => db.Claimants.Select(c => c.Slug).ToListAsync());
        await using var scope = App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ClaimantPageService>();
        foreach (var slug in slugs)
        {
            var model = (await service.GetAsync(slug))!;
            var expected = await App.QueryAsync(db => db.Claims.Where(c => c.Claimant.Slug == slug)
                .SelectMany(c => c.Verdicts.Where(v => v.Status == VerdictStatus.Published))
                .Select(v => new { v.Id, v.ClaimId, v.AsOf, v.PublishedAtUtc, v.Author })
                .ToListAsync());
            var current = expected.GroupBy(v => v.ClaimId)
                .Select(g => CurrentVerdict.NewestFirst(g, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).First())
                .GroupBy(v => v.Author)
                .ToDictionary(g => g.Key, g => g.Count());

            Assert.Equal(current.OrderBy(p => p.Key, StringComparer.Ordinal), model.RatedBy.ToDictionary(a => a.Organisation, a => a.Count).OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_feeds_order_walks_an_index_instead_of_sorting_every_verdict()
    {
        var (sql, plan) = await App.QueryAsync(async db =>
        {
            var query = db.Verdicts.AsNoTracking().Where(v => v.Status == VerdictStatus.Published).NewestPublishedFirst().Take(50).Select(v => v.Id);
            var text = query.ToQueryString();
            var rows = new List<string>();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + text[(text.IndexOf("SELECT", StringComparison.Ordinal))..].Replace("@p", "50", StringComparison.Ordinal);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(3));
            }

            return (text, string.Join("\n", rows));
        });

        Assert.False(plan.Contains("TEMP B-TREE", StringComparison.Ordinal), $"{sql}\n{plan}");
        Assert.Contains("IX_Verdicts_ShownOn", plan + "\n" + sql, StringComparison.Ordinal);
    }

    private static int VerdictId(XElement entry)
    {
        var id = entry.Element(Atom + "id")!.Value;
        return int.Parse(id[(id.LastIndexOf("verdict-", StringComparison.Ordinal) + "verdict-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static XElement Entry(XElement feed, int verdictId) =>
        feed.Elements(Atom + "entry").Single(e => VerdictId(e) == verdictId);

    private async Task<XElement> GetFeedAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private async Task<JsonElement> LoadClaimReviewAsync(string path)
    {
        var page = await GetPageAsync(path);
        foreach (var script in page.QuerySelectorAll("script[type='application/ld+json']"))
        {
            using var json = JsonDocument.Parse(script.TextContent);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("@type", out var type) && type.GetString() == "ClaimReview")
            {
                return json.RootElement.Clone();
            }
        }

        Assert.Fail($"{path} carries no ClaimReview");
        return default;
    }
}
