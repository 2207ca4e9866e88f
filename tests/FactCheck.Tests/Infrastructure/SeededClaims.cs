using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Infrastructure;

/// <summary>What the imported archive holds for a claim, read from the app's own database.</summary>
public sealed record SeededClaim(int Id, string Slug, string Quote, string ClaimantName, IReadOnlyList<SeededCitation> Evidence, IReadOnlyList<SeededCitation> Appearances)
{
    public string Path => $"/claims/{Id}/{Slug}";
}

/// <summary>A cited passage and the source page that shows it.</summary>
public sealed record SeededCitation(string Organization, int PassageId, string Exact, int SourceId, string SourceSlug, string Publisher)
{
    public string SourcePath => $"/sources/{SourceId}/{SourceSlug}";

    public string Href => $"{SourcePath}#passage-{PassageId}";
}

public static class SeededClaims
{
    public const string BalkiKey = "balki-amnesty-fully-committed";
    public const string RamadanAmnestyKey = "taliban-2018-ramadan-general-amnesty";

    public static Task<SeededClaim> LoadAsync(FactCheckAppFactory app, string key) =>
        app.QueryAsync(async db =>
        {
            var claim = await db.Claims.AsNoTracking()
                .Include(c => c.Claimant)
                .Include(c => c.Evidence).ThenInclude(e => e.Passage).ThenInclude(p => p.Source)
                .Include(c => c.Appearances).ThenInclude(a => a.Passage).ThenInclude(p => p.Source)
                .AsSplitQuery()
                .SingleAsync(c => c.Key == key);

            return new SeededClaim(
                claim.Id,
                claim.Slug,
                claim.Quote,
                claim.Claimant.Name,
                claim.Evidence.Select(e => Citation(e.Organization, e.Passage)).ToList(),
                claim.Appearances.Select(a => Citation(a.Passage.Source.Publisher, a.Passage)).ToList());
        });

    private static SeededCitation Citation(string organization, Passage passage) =>
        new(organization, passage.Id, passage.Exact, passage.SourceId, passage.Source.Slug, passage.Source.Publisher);
}
