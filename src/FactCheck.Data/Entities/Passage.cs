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

    /// <summary>
    /// Set when a correction or re-import of the source's text no longer contains <see cref="Exact"/>: the
    /// offsets are then stale and must not be used, the quote itself is still shown, and the evidence citing
    /// it waits in the editors' queue. Null while the passage is found in the current text.
    /// </summary>
    public DateTime? LostAtUtc { get; set; }
}
