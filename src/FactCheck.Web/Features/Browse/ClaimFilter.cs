using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Search;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Caching;
using FactCheck.Web.Site;
using Microsoft.AspNetCore.WebUtilities;

namespace FactCheck.Web.Features.Browse;

public enum ClaimSort
{
    /// <summary>Newest statement first (the default).</summary>
    Date = 0,

    /// <summary>From True to False, unrated claims last.</summary>
    Rating = 1,
}

/// <summary>
/// The filters shared by /claims and /search, read from and written to the query string so that a
/// filtered view is a URL a journalist can share: <c>?rating=misleading&amp;claimant=abdul-qahar-balki&amp;page=2</c>.
/// Bad values never fail a request: each is dropped and reported in <see cref="Errors"/> against its field.
/// </summary>
public sealed record ClaimFilter
{
    public const int MaxPage = 10_000;

    /// <summary>Every query key <see cref="Parse"/> reads and <see cref="ToQueryString"/> writes (see <see cref="PageQuery"/>).</summary>
    public static readonly IReadOnlyList<string> QueryKeys = ["rating", "claimant", "topic", "from", "to", "source", "sort", PageQuery.PageKey];

    public Rating? Rating { get; init; }

    public string? Claimant { get; init; }

    public string? Topic { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>
    /// The "from" date as the reader gave it: the period's ISO form ("2021", "2021-12") when it was read, so
    /// the form and every link keep the precision typed; the raw text when it was not, so the reader can mend it.
    /// </summary>
    public string? FromText { get; init; }

    /// <summary>The "to" date as the reader gave it; see <see cref="FromText"/>.</summary>
    public string? ToText { get; init; }

    public int? SourceId { get; init; }

    public ClaimSort Sort { get; init; }

    public int Page { get; init; } = 1;

    /// <summary>Field name to message, for the form to show beside the field.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public bool IsEmpty => ActiveCount == 0;

    /// <summary>How many filters narrow the list, for the folded form's summary ("Filters (2 active)").</summary>
    public int ActiveCount =>
        (Rating is null ? 0 : 1) + (Claimant is null ? 0 : 1) + (Topic is null ? 0 : 1) + (From is null ? 0 : 1) + (To is null ? 0 : 1) + (SourceId is null ? 0 : 1);

    public static ClaimFilter Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string>();
        string? Get(string key) => query.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

        Rating? rating = null;
        if (Get("rating") is { } ratingText)
        {
            if (RatingScale.TryParseSlug(ratingText, out var parsed))
            {
                rating = parsed;
            }
            else
            {
                errors["rating"] = $"{TextBlocks.Quoted(TextBlocks.Excerpt(ratingText, 40))} is not a rating. Choose one from the list.";
            }
        }

        var fromText = Get("from");
        var toText = Get("to");
        var fromPeriod = ParseDate(fromText, "from", errors);
        var toPeriod = ParseDate(toText, "to", errors);

        // "From 2021" starts on the period's first day and "to 2021" ends on its last, so a single period
        // typed in both fields selects exactly that period.
        var from = fromPeriod?.Date;
        var to = toPeriod?.LastDay;
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = "The end date is before the start date.";
            to = null;
            toPeriod = null;
        }

        int? sourceId = null;
        if (Get("source") is { } sourceText)
        {
            if (int.TryParse(sourceText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                sourceId = id;
            }
            else
            {
                errors["source"] = "That is not a document in the archive. Choose one from the list.";
            }
        }

        var sort = ClaimSort.Date;
        if (Get("sort") is { } sortText)
        {
            if (!Enum.TryParse(sortText, ignoreCase: true, out sort) || !Enum.IsDefined(sort))
            {
                sort = ClaimSort.Date;
                errors["sort"] = "Sort by date or by rating.";
            }
        }

        var page = 1;
        if (Get(PageQuery.PageKey) is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1 || page > MaxPage))
        {
            page = 1;
            errors[PageQuery.PageKey] = "That page does not exist; showing the first page.";
        }

        return new ClaimFilter
        {
            Rating = rating,
            Claimant = Slug(Get("claimant")),
            Topic = Slug(Get("topic")),
            From = from,
            To = to,
            FromText = fromPeriod?.ToIsoString() ?? fromText,
            ToText = toPeriod?.ToIsoString() ?? toText,
            SourceId = sourceId,
            Sort = sort,
            Page = page,
            Errors = errors,
        };
    }

    /// <summary>
    /// Narrows claims to the filter. Dates compare on the start of the period each claim's date names.
    /// Topic and document conditions are uncorrelated IN lists that start from the join table's and the
    /// passages' indexes: as EXISTS tests against every claim they took 0.15 s and 3.8 s at 100,000 claims.
    /// /search applies the same conditions in the index's SQL (SearchFilterSql, for both providers, through
    /// <see cref="ToSearchFilter"/>); a change here is a change there, and SearchFilterConsistencyTests
    /// checks that both pages select the same claims.
    /// </summary>
    public IQueryable<Claim> Apply(IQueryable<Claim> claims, FactCheckDbContext db)
    {
        if (Rating is { } rating)
        {
            claims = claims.Where(c => c.CurrentRating == rating);
        }

        if (Claimant is { } claimant)
        {
            claims = claims.Where(c => c.Claimant.Slug == claimant);
        }

        if (Topic is { } topic)
        {
            var topicClaimIds = db.Topics.Where(t => t.Slug == topic).SelectMany(t => t.Claims).Select(c => c.Id);
            claims = claims.Where(c => topicClaimIds.Contains(c.Id));
        }

        if (From is { } from)
        {
            claims = claims.Where(c => c.SaidOn.Date >= from);
        }

        if (To is { } to)
        {
            claims = claims.Where(c => c.SaidOn.Date <= to);
        }

        if (SourceId is { } sourceId)
        {
            var sourceClaimIds = db.Evidence.Where(e => e.Passage.SourceId == sourceId).Select(e => e.ClaimId)
                .Union(db.ClaimAppearances.Where(a => a.Passage.SourceId == sourceId).Select(a => a.ClaimId));
            claims = claims.Where(c => sourceClaimIds.Contains(c.Id));
        }

        return claims;
    }

    /// <summary>The filter's conditions for the full-text index, which applies them to claims and to evidence through its claim.</summary>
    public SearchFilter ToSearchFilter() => new(Rating, Claimant, Topic, From, To, SourceId);

    /// <summary>Orders claims; every order ends on the id so that pages never overlap or skip.</summary>
    public IQueryable<Claim> Order(IQueryable<Claim> claims) => Sort switch
    {
        // Rating enum order is the scale's order (True first); unrated claims go last.
        ClaimSort.Rating => claims.OrderBy(c => c.CurrentRating == null).ThenBy(c => c.CurrentRating).ThenByDescending(c => c.SaidOn.Date).ThenByDescending(c => c.Id),
        _ => claims.OrderByDescending(c => c.SaidOn.Date).ThenByDescending(c => c.Id),
    };

    /// <summary>The query string for this filter, with <paramref name="extra"/> (such as q) first and page last.</summary>
    public string ToQueryString(string path, IReadOnlyDictionary<string, string?>? extra = null, int? page = null)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (extra is not null)
        {
            values.AddRange(extra.Where(kv => !string.IsNullOrEmpty(kv.Value)));
        }

        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values.Add(new(key, value));
            }
        }

        Add("rating", Rating is { } r ? RatingScale.Get(r).Slug : null);
        Add("claimant", Claimant);
        Add("topic", Topic);
        // The precision typed is kept ("to=2021", not "to=2021-12-31"): it is what the reader chose and it means the same.
        Add("from", From is null ? null : FromText ?? From.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To is null ? null : ToText ?? To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("source", SourceId?.ToString(CultureInfo.InvariantCulture));
        Add("sort", Sort == ClaimSort.Date ? null : Sort.ToString().ToLowerInvariant());
        var targetPage = page ?? Page;
        Add(PageQuery.PageKey, targetPage > 1 ? targetPage.ToString(CultureInfo.InvariantCulture) : null);
        return QueryHelpers.AddQueryString(path, values);
    }

    private static ReportedDate? ParseDate(string? text, string field, Dictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }

        // Accept the precisions the archive itself uses: a year, a month or a day.
        if (FilterDates.TryParse(text, out var date))
        {
            return date;
        }

        errors[field] = $"{TextBlocks.Quoted(TextBlocks.Excerpt(text, 40))} is not a date. Use a year (2021), a month (2021-12) or a day (2021-12-05).";
        return null;
    }

    // Slugs are lower-case ASCII; anything else cannot match and is dropped rather than queried.
    private static string? Slug(string? text) =>
        text is not null && text.Length <= 200 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') ? text : null;
}
