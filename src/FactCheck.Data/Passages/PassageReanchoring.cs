using System.Globalization;
using FactCheck.Data.Entities;
using FactCheck.Data.Seeding;

namespace FactCheck.Data.Passages;

/// <summary>
/// What re-anchoring a source's passages in its new text did. <see cref="Conflicts"/> non-empty means nothing
/// was changed: two passages would share one span, which the unique index on (SourceId, Start, End) refuses.
/// </summary>
public sealed record ReanchorOutcome(IReadOnlyList<Passage> Found, IReadOnlyList<Passage> Lost, IReadOnlyList<string> Conflicts)
{
    public bool Applied => Conflicts.Count == 0;
}

/// <summary>
/// Finds a source's cited passages again after its text was corrected or re-imported: by their exact words
/// with prefix and suffix, then by position (<see cref="PassageLocator.Reanchor"/>). A passage found again
/// gets its new offsets and context; one that is gone is flagged (<see cref="Passage.LostAtUtc"/>) with its
/// quote and context untouched, so what was cited is still shown. One rule for the seed import and the desk.
/// </summary>
public static class PassageReanchoring
{
    /// <summary>
    /// Re-anchors <paramref name="passages"/> (tracked entities of one source) in <paramref name="newText"/>,
    /// changing them only when no two would end up on the same span. Passages flagged earlier are tried
    /// again too: a correction that restores their words finds them.
    /// </summary>
    public static ReanchorOutcome Apply(IReadOnlyCollection<Passage> passages, string newText, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(newText);

        var plan = passages
            .OrderBy(p => p.Id)
            .Select(p => (Passage: p, Located: PassageLocator.Reanchor(newText, p.Start, p.Exact, p.Prefix, p.Suffix)))
            .ToList();

        // Two passages found at the same span cite the same words (a repeated quote whose other occurrence was
        // deleted): the oldest keeps the span and the others are flagged, since one span holds one passage.
        var taken = new HashSet<(int, int)>();
        for (var i = 0; i < plan.Count; i++)
        {
            if (plan[i].Located is { } located && !taken.Add((located.Start, located.End)))
            {
                plan[i] = (plan[i].Passage, null);
            }
        }

        // A flagged passage keeps its stale offsets (its citation record), so a found one may not land on them.
        var conflicts = new List<string>();
        foreach (var passage in plan.Where(p => p.Located is null).Select(p => p.Passage))
        {
            if (plan.FirstOrDefault(other => other.Located is { } l && l.Start == passage.Start && l.End == passage.End) is { Located: not null } clash)
            {
                conflicts.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Passage {clash.Passage.Id} (\"{clash.Passage.Exact}\") would move to characters {passage.Start}–{passage.End}, which passage {passage.Id} (\"{passage.Exact}\") kept when it could no longer be found."));
            }
        }

        if (conflicts.Count > 0)
        {
            return new ReanchorOutcome([], [], conflicts);
        }

        var found = new List<Passage>();
        var lost = new List<Passage>();
        foreach (var (passage, located) in plan)
        {
            if (located is not null)
            {
                (passage.Start, passage.End, passage.Prefix, passage.Suffix, passage.LostAtUtc) = (located.Start, located.End, located.Prefix, located.Suffix, null);
                found.Add(passage);
            }
            else
            {
                // The first loss is the date readers are told; a later correction does not move it.
                passage.LostAtUtc ??= nowUtc;
                lost.Add(passage);
            }
        }

        return new ReanchorOutcome(found, lost, []);
    }

    /// <summary>
    /// Points a flagged passage at <paramref name="quote"/> in <paramref name="text"/> (its one occurrence) and
    /// clears the flag; null with the reason when the words are not there once or another passage holds that span.
    /// </summary>
    public static string? Resolve(Passage passage, IReadOnlyCollection<Passage> siblings, string text, string quote)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(siblings);
        if (string.IsNullOrEmpty(quote))
        {
            return "Enter the words to cite, exactly as they appear in the corrected text.";
        }

        if (PassageLocator.Find(text, quote) is not { } located)
        {
            return "These words are not in the source's corrected text: copy them exactly as they appear.";
        }

        if (PassageLocator.Find(text, quote, 2) is not null)
        {
            return "These words occur more than once in the text: enter a longer passage that occurs once.";
        }

        if (siblings.FirstOrDefault(p => p.Id != passage.Id && p.Start == located.Start && p.End == located.End) is { } holder)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Passage {holder.Id} already cites exactly these words: cite that passage, or choose other words.");
        }

        (passage.Start, passage.End, passage.Exact, passage.Prefix, passage.Suffix, passage.LostAtUtc) =
            (located.Start, located.End, located.Exact, located.Prefix, located.Suffix, null);
        return null;
    }
}
