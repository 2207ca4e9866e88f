using System.Globalization;
using FactCheck.Web.Site;

namespace FactCheck.Web.Features.Sources;

/// <summary>A run of text inside one paragraph with the same set of covering passages.</summary>
/// <param name="PassageIds">Passages covering this run; empty for plain text, two or more where citations overlap.</param>
/// <param name="AnchorIds">Passages whose anchor (id="passage-{id}") goes immediately before this run.</param>
public sealed record HighlightSegment(string Text, IReadOnlyList<int> PassageIds, IReadOnlyList<int> AnchorIds);

public sealed record HighlightParagraph(IReadOnlyList<HighlightSegment> Segments)
{
    /// <summary>Every passage covering some of this paragraph's text.</summary>
    public IReadOnlyList<int> PassageIds { get; } = Segments.SelectMany(s => s.PassageIds).Distinct().ToList();
}

/// <summary>What the passages of one block are cited for, said right after the block.</summary>
/// <param name="Excerpt">The passage's first words, to say which one a note is about when a block holds several; else null.</param>
public sealed record PassageNote(int PassageId, string? Excerpt, IReadOnlyList<PassageCitation> Citations);

/// <summary>
/// Paragraphs read as one unit: a plain paragraph on its own, or the paragraphs a citation runs through,
/// joined while a passage continues from one into the next, followed by the notes on what cites them.
/// </summary>
public sealed record HighlightBlock(IReadOnlyList<HighlightParagraph> Paragraphs, IReadOnlyList<PassageNote> Notes)
{
    public bool IsCited => Paragraphs.Any(p => p.PassageIds.Count > 0);
}

/// <summary>
/// Splits a document into paragraphs (one per non-blank line) and each paragraph into segments at every
/// passage boundary, so overlapping, nested and multi-line passages can all be marked without
/// producing mis-nested HTML: each segment is wrapped on its own.
/// </summary>
public static class PassageHighlighter
{
    public static IReadOnlyList<HighlightParagraph> Segment(string text, IReadOnlyList<PassageSpan> passages)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(passages);

        // Offsets come from the database; clamp so a stale passage cannot throw, and drop empty ones.
        var spans = passages
            .Select(p => new PassageSpan(p.Id, Math.Clamp(p.Start, 0, text.Length), Math.Clamp(p.End, 0, text.Length)))
            .Where(p => p.End > p.Start)
            .OrderBy(p => p.Start)
            .ThenBy(p => p.Id)
            .ToList();

        var paragraphs = new List<HighlightParagraph>();
        var nextAnchor = 0;
        List<int>? lastAnchors = null;
        foreach (var (lineStart, lineEnd) in Lines(text))
        {
            var boundaries = new SortedSet<int> { lineStart, lineEnd };
            foreach (var span in spans)
            {
                if (span.Start > lineStart && span.Start < lineEnd)
                {
                    boundaries.Add(span.Start);
                }

                if (span.End > lineStart && span.End < lineEnd)
                {
                    boundaries.Add(span.End);
                }
            }

            var segments = new List<HighlightSegment>();
            var points = boundaries.ToList();
            for (var i = 0; i < points.Count - 1; i++)
            {
                var (from, to) = (points[i], points[i + 1]);
                var covering = spans.Where(s => s.Start <= from && s.End >= to).Select(s => s.Id).ToList();

                // A passage starting on a skipped blank line or line break is anchored at the next visible text.
                var anchors = new List<int>();
                while (nextAnchor < spans.Count && spans[nextAnchor].Start <= from)
                {
                    anchors.Add(spans[nextAnchor].Id);
                    nextAnchor++;
                }

                segments.Add(new HighlightSegment(text[from..to], covering, anchors));
                lastAnchors = anchors;
            }

            paragraphs.Add(new HighlightParagraph(segments));
        }

        // Passages that start after the last visible character still get an anchor, at the last segment.
        while (lastAnchors is not null && nextAnchor < spans.Count)
        {
            lastAnchors.Add(spans[nextAnchor].Id);
            nextAnchor++;
        }

        return paragraphs;
    }

    /// <summary>
    /// The document as blocks, each cited block followed by what cites its passages, so a reader sees beside
    /// the words which claim they were cited for without leaving the page.
    /// </summary>
    /// <param name="citations">Every citation of the document's passages, in the order the notes list them.</param>
    public static IReadOnlyList<HighlightBlock> Blocks(string text, IReadOnlyList<PassageSpan> passages, IReadOnlyList<PassageCitation> citations)
    {
        ArgumentNullException.ThrowIfNull(citations);
        var byPassage = citations.ToLookup(c => c.PassageId);
        var starts = passages.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Min(p => p.Start));

        var groups = new List<List<HighlightParagraph>>();
        foreach (var paragraph in Segment(text, passages))
        {
            // A passage that runs on into this paragraph keeps it in the previous block, so the passage is
            // one highlighted unit with its notes after its last words.
            if (groups.Count > 0 && groups[^1][^1].PassageIds.Intersect(paragraph.PassageIds).Any())
            {
                groups[^1].Add(paragraph);
            }
            else
            {
                groups.Add([paragraph]);
            }
        }

        return groups.Select(paragraphs =>
        {
            var ids = paragraphs.SelectMany(p => p.PassageIds).Distinct()
                .Where(id => byPassage.Contains(id))
                .OrderBy(id => starts.GetValueOrDefault(id))
                .ThenBy(id => id)
                .ToList();
            var notes = ids
                .Select(id => new PassageNote(
                    id,
                    ids.Count > 1 ? TextBlocks.Quoted(TextBlocks.Excerpt(PassageText(text, passages, id), NoteExcerptLength)) : null,
                    byPassage[id].ToList()))
                .ToList();
            return new HighlightBlock(paragraphs, notes);
        }).ToList();
    }

    /// <summary>
    /// One rule per passage that, when its anchor is the URL's target, marks every run of that passage
    /// strongly, wherever the runs are split by paragraphs or other passages. Without script, CSS can only
    /// reach them through :has() on the anchor's id, so the ids are spelt out; they are integers, nothing else.
    /// </summary>
    public static string TargetStyles(IEnumerable<int> passageIds) =>
        string.Concat(passageIds.Distinct().Order().Select(id => string.Create(
            CultureInfo.InvariantCulture,
            $".document-text:has(#passage-{id}:target) mark[data-passages~=\"{id}\"]{{background:var(--passage-target-mark);}}")));

    private const int NoteExcerptLength = 48;

    private static string PassageText(string text, IReadOnlyList<PassageSpan> passages, int id)
    {
        var span = passages.First(p => p.Id == id);
        var (start, end) = (Math.Clamp(span.Start, 0, text.Length), Math.Clamp(span.End, 0, text.Length));
        return end > start ? text[start..end].Trim() : string.Empty;
    }

    /// <summary>Non-blank lines as [start, end) offsets, without their line break (LF or CRLF).</summary>
    private static IEnumerable<(int Start, int End)> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            if (!string.IsNullOrWhiteSpace(text[start..contentEnd]))
            {
                yield return (start, contentEnd);
            }

            if (newline < 0)
            {
                yield break;
            }

            start = newline + 1;
        }
    }
}
