using FactCheck.Web.Caching;

namespace FactCheck.Tests.Instances;

/// <summary>
/// Eviction notices get their ids at insert and become visible at commit, so on PostgreSQL a lower id can
/// appear after a higher one was read: the cursor must still hand it out once, and give up ids that never come.
/// </summary>
public sealed class EvictionCursorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_notice_that_commits_after_a_later_one_was_read_is_still_handled_once()
    {
        var cursor = new EvictionCursor(startAfter: 10);

        Assert.True(cursor.Accept(12, Start));
        Assert.Equal(10, cursor.ReadFrom);

        Assert.False(cursor.Accept(12, Start));
        Assert.True(cursor.Accept(11, Start.AddSeconds(1)));
        Assert.False(cursor.Accept(11, Start.AddSeconds(1)));
        Assert.Equal(12, cursor.ReadFrom);
    }

    [Fact]
    public void An_id_that_never_commits_is_given_up_after_the_patience_and_reading_moves_on()
    {
        var cursor = new EvictionCursor(startAfter: 0);
        Assert.True(cursor.Accept(3, Start));
        Assert.Equal(0, cursor.ReadFrom);

        cursor.Expire(Start + EvictionCursor.GapPatience);
        Assert.Equal(0, cursor.ReadFrom);

        cursor.Expire(Start + EvictionCursor.GapPatience + TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, cursor.ReadFrom);
        Assert.False(cursor.Accept(2, Start.AddMinutes(1)));
    }

    [Fact]
    public void Notices_from_before_the_start_are_never_handed_out()
    {
        var cursor = new EvictionCursor(startAfter: 50);

        Assert.False(cursor.Accept(49, Start));
        Assert.True(cursor.Accept(51, Start));
        Assert.Equal(51, cursor.ReadFrom);
    }
}
