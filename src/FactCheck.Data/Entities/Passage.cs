namespace FactCheck.Data.Entities;

/// <summary>
/// An exact span of a source's text. Offsets make the citation cheap to render; the exact text with a
/// short prefix and suffix (W3C Web Annotation TextQuoteSelector) lets it be found again after a re-import.
/// </summary>
public class Passage
{
    public int Id { get; set; }

    public int SourceId { get; set; }

    public Source Source { get; set; } = null!;

    /// <summary>Offset of the first character, in UTF-16 code units of <see cref="Source.Text"/>.</summary>
    public int Start { get; set; }

    /// <summary>Offset one past the last character.</summary>
    public int End { get; set; }

    public required string Exact { get; set; }

    public required string Prefix { get; set; }

    public required string Suffix { get; set; }
}
