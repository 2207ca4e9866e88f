namespace FactCheck.Web.Caching;

/// <summary>
/// Which eviction notices a subscriber has handled, by id. Ids are handed out when a row is inserted, not when
/// it commits: on PostgreSQL a notice with a lower id can commit after one with a higher id that was already
/// read. So an id skipped over stays wanted for <see cref="GapPatience"/> and the next read starts below it;
/// ids a rolled-back insert used up simply never come and are given up then.
/// </summary>
public sealed class EvictionCursor(long startAfter)
{
    /// <summary>Far longer than the few milliseconds between an eviction row's insert and its commit.</summary>
    public static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(10);

    // Past this many missing ids at once something else is wrong; the oldest are given up rather than re-read forever.
    private const int MaxGaps = 1000;

    private readonly SortedDictionary<long, DateTimeOffset> _gaps = [];

    /// <summary>The highest id handled.</summary>
    public long Last { get; private set; } = startAfter;

    /// <summary>Read every row with an id above this one.</summary>
    public long ReadFrom => _gaps.Count > 0 ? Math.Min(_gaps.Keys.First() - 1, Last) : Last;

    /// <summary>True the first time an id is seen (handle the row), false for one handled already.</summary>
    public bool Accept(long id, DateTimeOffset now)
    {
        if (id <= Last)
        {
            return _gaps.Remove(id);
        }

        for (var missing = Math.Max(Last + 1, id - MaxGaps); missing < id; missing++)
        {
            _gaps[missing] = now;
        }

        Last = id;
        while (_gaps.Count > MaxGaps)
        {
            _gaps.Remove(_gaps.Keys.First());
        }

        return true;
    }

    /// <summary>Gives up ids missing for longer than <see cref="GapPatience"/>.</summary>
    public void Expire(DateTimeOffset now)
    {
        foreach (var id in _gaps.Where(g => now - g.Value > GapPatience).Select(g => g.Key).ToList())
        {
            _gaps.Remove(id);
        }
    }
}
