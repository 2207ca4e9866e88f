using FactCheck.Data;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Browse;

/// <summary>A value for a filter's select: the slug in the URL and the name a reader sees.</summary>
public sealed record FilterOption(string Value, string Label);

/// <summary>
/// What the claim filter form offers and what it says about the values given, shared by /claims and /search
/// so both forms read the same and report the same mistakes.
/// </summary>
/// <param name="SourceTitle">The title of the filtered document, when the source filter names one that exists.</param>
/// <param name="Errors">Field name to message: the filter's own, plus values that parse but name nothing in the archive.</param>
public sealed record ClaimFilterOptions(
    IReadOnlyList<FilterOption> Claimants,
    IReadOnlyList<FilterOption> Topics,
    string? SourceTitle,
    IReadOnlyDictionary<string, string> Errors)
{
    /// <summary>
    /// Claimants offered in the select: the most prolific, so that the form stays small with thousands of
    /// claimants. Any claimant can still be chosen from their profile page, which links to its filtered list.
    /// </summary>
    public const int MaxClaimantOptions = 100;

    /// <summary>Three small queries (four with a source filter), whatever the size of the archive.</summary>
    public static async Task<ClaimFilterOptions> LoadAsync(FactCheckDbContext db, IQueryCollection query, ClaimFilter filter, CancellationToken cancellationToken = default)
    {
        var claimants = await db.Claimants.AsNoTracking()
            .OrderByDescending(c => c.Claims.Count).ThenBy(c => c.Name)
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

        string? sourceTitle = null;
        if (filter.SourceId is { } sourceId)
        {
            sourceTitle = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId).Select(s => s.Title).FirstOrDefaultAsync(cancellationToken);
        }

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

        if (filter.SourceId is not null && sourceTitle is null)
        {
            errors.TryAdd("source", "No document has that number.");
        }

        return new ClaimFilterOptions(claimants, topics, sourceTitle, errors);
    }

    private static bool Given(IQueryCollection query, string field) =>
        query.TryGetValue(field, out var raw) && !string.IsNullOrWhiteSpace(raw.ToString());
}
