namespace FactCheck.Data.Entities;

public enum SourceKind
{
    NewsArticle = 0,
    Report = 1,
    OfficialStatement = 2,
    VideoReport = 3,
    FactCheck = 4,
}

/// <summary>A document in the archive, with its full text exactly as imported.</summary>
public class Source
{
    public int Id { get; set; }

    /// <summary>Stable natural key (the archived file name for seeds); what re-imports match on.</summary>
    public required string Key { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public SourceKind Kind { get; set; }

    public required string Publisher { get; set; }

    public string? Author { get; set; }

    public ReportedDate PublishedOn { get; set; }

    public string? OriginalUrl { get; set; }

    public string? ArchiveUrl { get; set; }

    /// <summary>The day the original URL was read: what a citation to a web page gives as its access date.</summary>
    public DateOnly? AccessedOn { get; set; }

    /// <summary>BCP 47 language tag.</summary>
    public required string Language { get; set; }

    /// <summary>How the metadata was established where the document itself does not state it.</summary>
    public string? AttributionNote { get; set; }

    public required string Text { get; set; }

    /// <summary>SHA-256 of the UTF-8 text, lower-case hex: shows whether a re-import changed the document.</summary>
    public required string ContentHash { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public List<Passage> Passages { get; set; } = [];
}
