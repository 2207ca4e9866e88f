using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Web.Caching;
using FactCheck.Web.Features.Claims;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>
/// A topic as a timeline, oldest first: each claim when it was said, each published verdict as of its date,
/// and the dated evidence between them. Long topics are paged by claims (Browse:PageSize, oldest first), each
/// page carrying its claims' verdicts and evidence, in six small queries whatever the topic's size (one draws
/// the whole topic's years as a chart). The topic's claims are found, counted, ordered and charted in its
/// <see cref="ClaimListing"/> rows, an index read in order, and only a page of claims is read from the claims.
/// </summary>
public sealed class TopicPageService(FactCheckDbContext db, BrowseOptions options)
{
    public async Task<IReadOnlyList<TopicSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Topics.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TopicSummary(t.Slug, t.Name, t.Description, t.ListedClaimCount))
            .ToListAsync(cancellationToken);

    /// <param name="request">
    /// The request's query string; only <see cref="PageQuery.Timeline"/>'s page is read. A page that is not a
    /// number shows the first, and one past the last shows the last.
    /// </param>
    public async Task<TopicPageModel?> GetAsync(string slug, IQueryCollection request, CancellationToken cancellationToken = default)
    {
        var pageText = PageQuery.Timeline.Read(request)[PageQuery.PageKey].ToString();
        var page = int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var requested) ? requested : 1;

        var topic = await db.Topics.AsNoTracking()
            .Where(t => t.Slug == slug)
            .Select(t => new { t.Id, t.Slug, t.Name, t.Description, t.ListedClaimCount })
            .FirstOrDefaultAsync(cancellationToken);
        if (topic is null)
        {
            return null;
        }

        var claimCount = topic.ListedClaimCount;
        var chart = await LoadChartAsync(db, topic.Id, claimCount, cancellationToken: cancellationToken);
        var claimsPerPage = options.PageSize;
        var pageCount = Math.Max(1, (claimCount + claimsPerPage - 1) / claimsPerPage);
        page = Math.Clamp(page, 1, pageCount);
        var pageIds = await db.ClaimListings.AsNoTracking()
            .Where(l => l.TopicId == topic.Id)
            .OrderBy(l => l.SaidOn).ThenBy(l => l.ClaimId)
            .Skip((page - 1) * claimsPerPage)
            .Take(claimsPerPage)
            .Select(l => l.ClaimId)
            .ToListAsync(cancellationToken);
        var claims = (await db.Claims.AsNoTracking()
            .Where(c => pageIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Slug,
                c.Summary,
                c.Quote,
                c.IsVerbatim,
                c.SaidOn,
                c.SaidWhere,
                c.CurrentRating,
                ClaimantName = c.Claimant.Name,
                ClaimantSlug = c.Claimant.Slug,
            })
            .ToListAsync(cancellationToken))
            .OrderBy(c => pageIds.IndexOf(c.Id))
            .ToList();

        // By the page's claim ids (at most a page of them), so the verdict and evidence indexes on ClaimId do
        // the work: a condition on the topic would walk every evidence row of the archive.
        var claimIds = claims.Select(c => c.Id).ToList();
        var verdicts = await db.Verdicts.AsNoTracking()
            .Where(v => v.Status == VerdictStatus.Published && claimIds.Contains(v.ClaimId))
            .Select(v => new { v.Id, v.ClaimId, v.Rating, v.Headline, v.Author, v.AsOf, v.PublishedAtUtc })
            .ToListAsync(cancellationToken);

        var evidence = await db.Evidence.AsNoTracking()
            .Where(e => claimIds.Contains(e.ClaimId))
            .Select(e => new
            {
                e.Id,
                e.ClaimId,
                e.Stance,
                e.Organization,
                e.FoundOn,
                e.PassageId,
                e.Passage.Exact,
                e.Passage.Start,
                e.Passage.SourceId,
                SourceSlug = e.Passage.Source.Slug,
                SourceTitle = e.Passage.Source.Title,
                SourcePublisher = e.Passage.Source.Publisher,
            })
            .ToListAsync(cancellationToken);

        var claimsById = claims.ToDictionary(c => c.Id);
        var events = new List<(TimelineEvent Event, DateOnly SortDate, int KindOrder, int Id)>();

        foreach (var c in claims)
        {
            events.Add((new TimelineClaim(
                c.SaidOn, c.Id, c.Summary, SiteUrls.Claim(c.Id, c.Slug), c.Quote, c.IsVerbatim,
                c.ClaimantName, SiteUrls.Claimant(c.ClaimantSlug), c.SaidWhere, c.CurrentRating), TimelineOrder.End(c.SaidOn), 0, c.Id));
        }

        foreach (var group in evidence.GroupBy(e => (e.Organization, e.FoundOn, e.SourceId)))
        {
            var first = group.MinBy(e => e.Id)!;
            var passages = group
                .DistinctBy(e => e.PassageId)
                .OrderBy(e => e.Start)
                .Select(e => new TimelinePassage(e.Exact, SiteUrls.Passage(e.SourceId, e.SourceSlug, e.PassageId)))
                .ToList();
            var citedBy = group
                .GroupBy(e => e.ClaimId)
                .OrderBy(g => claimsById[g.Key].SaidOn.Date)
                .ThenBy(g => g.Key)
                .Select(g => new TimelineCitation(
                    claimsById[g.Key].Summary,
                    SiteUrls.Claim(g.Key, claimsById[g.Key].Slug),
                    g.Select(e => e.Stance).Distinct().Order().ToList()))
                .ToList();
            events.Add((new TimelineEvidence(group.Key.FoundOn, first.Id, first.Organization, first.SourceTitle, first.SourcePublisher, passages, citedBy),
                TimelineOrder.End(group.Key.FoundOn), 1, first.Id));
        }

        foreach (var perClaim in verdicts.GroupBy(v => v.ClaimId))
        {
            var claim = claimsById[perClaim.Key];

            // Oldest first by the current-verdict rule itself, so that the current verdict is always the
            // claim's last on the timeline: "December 2021" sorts at the month's end, and would otherwise
            // follow a "5 December 2021" verdict that the rule says replaced it.
            var inRuleOrder = CurrentVerdicts.NewestFirst(perClaim, v => v.AsOf.Date, v => v.PublishedAtUtc, v => v.Id).Reverse().ToList();
            var previous = DateOnly.MinValue;
            for (var i = 0; i < inRuleOrder.Count; i++)
            {
                var v = inRuleOrder[i];

                // A verdict cannot precede the statement it rates, even when it is dated only to the month,
                // nor the verdict it revised.
                var sortDate = TimelineOrder.Max(TimelineOrder.Max(TimelineOrder.End(v.AsOf), TimelineOrder.End(claim.SaidOn)), previous);
                previous = sortDate;
                events.Add((new TimelineVerdict(v.AsOf, v.Id, v.Rating, v.Headline, v.Author, i == inRuleOrder.Count - 1, claim.Summary, SiteUrls.Claim(claim.Id, claim.Slug)),
                    sortDate, 2, i));
            }
        }

        return new TopicPageModel(
            topic.Slug,
            topic.Name,
            topic.Description,
            claimCount,
            page,
            pageCount,
            claimsPerPage,
            events
                .OrderBy(e => e.SortDate)
                .ThenBy(e => e.KindOrder)
                .ThenBy(e => e.KindOrder == 2 ? DateOnly.MinValue : e.Event.Date.Date)
                .ThenBy(e => e.Id)
                .Select(e => e.Event)
                .ToList())
        {
            Chart = chart,
        };
    }

    /// <summary>
    /// The whole topic's years for the chart, in one query whatever the topic's size: each claim's date, link
    /// and rating for a small topic; for a large one (the benchmark archive has 8,671 claims in a topic) a
    /// count per month and precision that the database groups from the topic's listings, a few dozen rows.
    /// </summary>
    /// <param name="maxMarkers">Above this many claims the chart is binned; a parameter so the binned query can be tested on the small seed archive.</param>
    public static async Task<TopicTimelineChart?> LoadChartAsync(FactCheckDbContext db, int topicId, int claimCount, int maxMarkers = TopicTimelineChart.MaxMarkers, CancellationToken cancellationToken = default)
    {
        if (claimCount == 0)
        {
            return null;
        }

        var listings = db.ClaimListings.AsNoTracking().Where(l => l.TopicId == topicId);
        if (claimCount <= maxMarkers)
        {
            var points = await listings
                .Join(db.Claims, l => l.ClaimId, c => c.Id, (l, c) => new { c.Id, c.Slug, c.Summary, c.SaidOn, c.CurrentRating })
                .ToListAsync(cancellationToken);
            return TopicTimelineChart.ForClaims(points.Select(p => new TimelinePoint(p.Id, SiteUrls.Claim(p.Id, p.Slug), p.Summary, p.SaidOn, p.CurrentRating)).ToList());
        }

        // Grouped by the listings' month column, read in index order: a few hundred groups, where grouping by the
        // stored date returned thousands of rows to fold into months here.
        var counts = (await listings
            .GroupBy(l => new { l.SaidMonth, l.SaidOnPrecision })
            .Select(g => new { g.Key.SaidMonth, g.Key.SaidOnPrecision, Count = g.Count() })
            .ToListAsync(cancellationToken))
            .Select(g => new TimelineCount(g.SaidMonth / 100, g.SaidMonth % 100, g.SaidOnPrecision, g.Count))
            .ToList();
        return TopicTimelineChart.ForCounts(counts);
    }
}

/// <summary>
/// Where a date sits on a timeline. An event known only to its month or year is placed at the end of that
/// period, when it was certainly on the record: "July 2021" after 17 July, "2021" after 5 December 2021.
/// On the same date a statement comes first, then the evidence, then the verdicts that weighed it.
/// </summary>
public static class TimelineOrder
{
    public static DateOnly End(ReportedDate date) => date.LastDay;

    public static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
