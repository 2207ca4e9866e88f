namespace FactCheck.Web.Features.Sources;

/// <summary>A run of text inside one paragraph with the same set of covering passages.</summary>
/// <param name="PassageIds">Passages covering this run; empty for plain text, two or more where citations overlap.</param>
/// <param name="AnchorIds">Passages whose anchor (id="passage-{id}") goes immediately before this run.</param>
public sealed record HighlightSegment(string Text, IReadOnlyList<int> PassageIds, IReadOnlyList<int> AnchorIds);

public sealed record HighlightParagraph(IReadOnlyList<HighlightSegment> Segments);

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
