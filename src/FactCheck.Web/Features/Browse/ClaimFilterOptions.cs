using System.Globalization;
using FactCheck.Data;
using FactCheck.Web.Caching;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>A value for a filter's select: the slug in the URL and the name a reader sees.</summary>
public sealed record FilterOption(string Value, string Label);

/// <summary>
/// What the claim filter form offers and what it says about the values given, shared by /claims and /search
/// so both forms read the same and report the same mistakes.
/// </summary>
/// <param name="Sources">Documents offered in the document select: the value is the source id the URL carries, the label its title.</param>
/// <param name="Errors">Field name to message: the filter's own, plus values that parse but name nothing in the archive.</param>
public sealed record ClaimFilterOptions(
    IReadOnlyList<FilterOption> Claimants,
    IReadOnlyList<FilterOption> Topics,
    IReadOnlyList<FilterOption> Sources,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>
    /// Claimants offered in the select: the most prolific, so that the form stays small with thousands of
    /// claimants. Any claimant can still be chosen from their profile page, which links to its filtered list.
    /// </summary>
    public const int MaxClaimantOptions = 100;

    /// <summary>A message stands beside a field (the page number's stands above the results), so the folded form must open to show it.</summary>
    public bool HasFieldErrors => Errors.Keys.Any(key => key != PageQuery.PageKey);

    /// <summary>
    /// Whether the folded filters start open: only when they hold something to see (an active filter, a sort,
    /// a message), so a phone's first screen shows results and not seven empty fields. Without script the
    /// server decides, and this is all it knows about the reader.
    /// </summary>
    public bool StartsOpen(ClaimFilter filter) => filter.ActiveCount > 0 || filter.Sort != ClaimSort.Date || HasFieldErrors;

    /// <summary>The folded form's summary: "Filters" or "Filters (2 active)".</summary>
    public static string Summary(ClaimFilter filter, string name = "Filters") =>
        filter.ActiveCount == 0 ? name : $"{name} ({filter.ActiveCount.ToString(CultureInfo.InvariantCulture)} active)";

    /// <summary>
    /// Documents offered in the select: the newest by id (the primary key's order, so no sort over every
    /// document), because the benchmark archive holds 50,000 and a select of them all would weigh megabytes.
    /// A document outside them that the URL names is added, so a shared link keeps showing its choice.
    /// </summary>
    public const int MaxSourceOptions = 100;

    /// <summary>Four small queries (five with a filter on a document outside the list), whatever the size of the archive.</summary>
    public static async Task<ClaimFilterOptions> LoadAsync(FactCheckDbContext db, IQueryCollection query, ClaimFilter filter, CancellationToken cancellationToken = default)
    {
        var claimants = await db.Claimants.AsNoTracking()
            .OrderByDescending(c => c.ListedClaimCount).ThenBy(c => c.Name)
            .Take(MaxClaimantOptions)
            .Select(c => new FilterOption(c.Slug, c.Name))
            .ToListAsync(cancellationToken);
        var selectedClaimantKnown = filter.Claimant is null || claimants.Any(o => o.Value == filter.Claimant);
        if (!selectedClaimantKnown && await db.Claimants.AsNoTracking()
                .Where(c => c.Slug == filter.Claimant)
                .Select(c => new FilterOption(c.Slug, c.Name))
                .FirstOrDefaultAsync(cancellationToken) is { } selected)
        {
            claimants.Add(selected);
            selectedClaimantKnown = true;
        }

        claimants.Sort((a, b) => string.Compare(a.Label, b.Label, StringComparison.CurrentCulture));

        var topics = await db.Topics.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new FilterOption(t.Slug, t.Name))
            .ToListAsync(cancellationToken);

        var sources = await db.Sources.AsNoTracking()
            .OrderByDescending(s => s.Id)
            .Take(MaxSourceOptions)
            .Select(s => new { s.Id, s.Title })
            .ToListAsync(cancellationToken);
        var selectedSourceKnown = filter.SourceId is null || sources.Any(s => s.Id == filter.SourceId);
        if (!selectedSourceKnown && await db.Sources.AsNoTracking()
                .Where(s => s.Id == filter.SourceId)
                .Select(s => new { s.Id, s.Title })
                .FirstOrDefaultAsync(cancellationToken) is { } selectedSource)
        {
            sources.Add(selectedSource);
            selectedSourceKnown = true;
        }

        var sourceOptions = sources
            .Select(s => new FilterOption(s.Id.ToString(CultureInfo.InvariantCulture), s.Title))
            .OrderBy(o => o.Label, StringComparer.InvariantCulture)
            .ToList();

        var errors = new Dictionary<string, string>(filter.Errors);

        // ClaimFilter drops a slug that cannot exist; one that could but names nothing would silently match no claim.
        if (Given(query, "claimant") && (filter.Claimant is null || !selectedClaimantKnown))
        {
            errors.TryAdd("claimant", "No claimant by that name is in the archive. Choose one from the list.");
        }

        if (Given(query, "topic") && (filter.Topic is null || topics.All(o => o.Value != filter.Topic)))
        {
            errors.TryAdd("topic", "No topic by that name is in the archive. Choose one from the list.");
        }

        if (filter.SourceId is not null && !selectedSourceKnown)
        {
            errors.TryAdd("source", "That document is not in the archive. Choose one from the list.");
        }

        return new ClaimFilterOptions(claimants, topics, sourceOptions, errors);
    }

    private static bool Given(IQueryCollection query, string field) =>
        query.TryGetValue(field, out var raw) && !string.IsNullOrWhiteSpace(raw.ToString());
}
