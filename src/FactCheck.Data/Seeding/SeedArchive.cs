namespace FactCheck.Data.Seeding;

// The shape of seeds/archive.json. Unknown members are rejected (see SeedImporter) so a typo in a
// curated field name fails the import instead of being silently dropped.

public sealed record SeedArchive(
    string? Comment,
    IReadOnlyList<SeedSource> Sources,
    IReadOnlyList<SeedClaimant> Claimants,
    IReadOnlyList<SeedTopic> Topics,
    IReadOnlyList<SeedClaim> Claims);

public sealed record SeedSource(
    string File,
    string Title,
    string Kind,
    string Publisher,
    string? Author,
    string Published,
    string Language,
    string? OriginalUrl = null,
    string? ArchiveUrl = null,
    string? AttributionNote = null,
    string? Accessed = null);

public sealed record SeedClaimant(string Slug, string Name, string Kind, string? Role, string? Affiliation);

public sealed record SeedTopic(string Slug, string Name, string? Description);

public sealed record SeedClaim(
    string Key,
    string Claimant,
    string Quote,
    bool Verbatim,
    string Summary,
    string Said,
    string? Where,
    IReadOnlyList<string> Topics,
    IReadOnlyList<SeedQuote> Appearances,
    IReadOnlyList<SeedEvidence> Evidence,
    IReadOnlyList<SeedVerdict> Verdicts);

/// <param name="Occurrence">Which occurrence of the quote in the document is meant, 1-based; the first by default.</param>
public sealed record SeedQuote(string Source, string Quote, int Occurrence = 1);

public sealed record SeedEvidence(
    string Source,
    string Quote,
    string Stance,
    string Organization,
    string Found,
    string Note,
    int Occurrence = 1);

/// <param name="Published">
/// When the verdict's author published it (YYYY, YYYY-MM or YYYY-MM-DD), when the archive knows; readers are
/// shown it, and the latest-verdicts order follows it. Omitted, the verdict is shown by its as-of date.
/// </param>
public sealed record SeedVerdict(string Rating, string Headline, string Author, string AsOf, string Rationale, string? Published = null);
