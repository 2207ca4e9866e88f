using System.Data.Common;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactCheck.Tests.Desk;

/// <summary>
/// The save path as one unit: the change, its derived data, its revisions and the listeners' notice all
/// happen, or none does. Failures are made in the search index's own SQL, the step after the rows and
/// ratings are written and before the revisions, so a half-done save would show.
/// </summary>
public sealed class SavePipelineTests : IAsyncLifetime
{
    private readonly SeedDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.ImportAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_save_failing_in_the_search_index_leaves_nothing_and_its_retry_saves_once()
    {
        var failure = new SearchIndexFailure { Remaining = 1 };
        var listener = new RecordingListener();
        var claimId = await FirstClaimIdAsync();
        var before = await RevisionCountAsync(RevisionSubjects.Claim, claimId);

        await using var db = Context(listener, failure);
        var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
        claim.Summary = "Zorblax summary written by the failing save";
        var verdict = NewVerdict(claimId, Rating.MostlyFalse, DateTime.UtcNow);
        db.Verdicts.Add(verdict);

        await Assert.ThrowsAsync<TimeoutException>(() => db.SaveChangesAsync());

        await using (var check = _database.CreateContext())
        {
            Assert.NotEqual(claim.Summary, await check.Claims.Where(c => c.Id == claimId).Select(c => c.Summary).SingleAsync());
            Assert.False(await check.Verdicts.AnyAsync(v => v.Headline == verdict.Headline));
            Assert.Equal(before, await RevisionCountAsync(RevisionSubjects.Claim, claimId));
        }

        Assert.Empty(listener.Calls);
        Assert.Equal(EntityState.Modified, db.Entry(claim).State);
        Assert.Equal(EntityState.Added, db.Entry(verdict).State);

        await db.SaveChangesAsync();

        await using var after = _database.CreateContext();
        var saved = await after.Claims.SingleAsync(c => c.Id == claimId);
        Assert.Equal(claim.Summary, saved.Summary);
        Assert.Equal(Rating.MostlyFalse, saved.CurrentRating);
        var savedVerdict = Assert.Single(await after.Verdicts.Where(v => v.Headline == verdict.Headline).ToListAsync());
        Assert.Equal(before + 1, await RevisionCountAsync(RevisionSubjects.Claim, claimId));
        var verdictRevision = Assert.Single(await after.Revisions.Where(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == savedVerdict.Id).ToListAsync());
        Assert.Equal((1, RevisionAction.Created), (verdictRevision.Number, verdictRevision.Action));
        Assert.Equal([claimId], await ClaimSearchAsync(after, "zorblax"));

        var call = Assert.Single(listener.Calls);
        Assert.Contains(call.Rows, r => r.ClrType == typeof(Verdict) && r.Id == savedVerdict.Id && r.Key(nameof(Verdict.ClaimId)) == claimId);
    }

    [Fact]
    public async Task A_retrying_execution_strategy_repeats_the_whole_save_and_it_lands_once()
    {
        var failure = new SearchIndexFailure { Remaining = 1 };
        var listener = new RecordingListener();
        var claimId = await FirstClaimIdAsync();
        var before = await RevisionCountAsync(RevisionSubjects.Claim, claimId);

        await using (var db = Context(listener, failure, retrying: true))
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == claimId);
            claim.SaidWhere = "Retried venue";
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, failure.Remaining);
        Assert.Equal(before + 1, await RevisionCountAsync(RevisionSubjects.Claim, claimId));
        Assert.Single(listener.Calls);
        await using var check = _database.CreateContext();
        Assert.Equal("Retried venue", await check.Claims.Where(c => c.Id == claimId).Select(c => c.SaidWhere).SingleAsync());
    }

    [Fact]
    public async Task Listeners_wait_for_the_callers_transaction_and_hear_nothing_of_a_rollback()
    {
        var listener = new RecordingListener();
        var claimId = await FirstClaimIdAsync();

        await using (var db = Context(listener))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Claims.SingleAsync(c => c.Id == claimId)).SaidWhere = "Rolled back venue";
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        // A transaction disposed without commit rolls back too; a later commit must not announce its save.
        await using (var db = Context(listener))
        {
            await using (var abandoned = await db.Database.BeginTransactionAsync())
            {
                (await db.Claims.SingleAsync(c => c.Id == claimId)).SaidWhere = "Abandoned venue";
                await db.SaveChangesAsync();
            }

            await using var empty = await db.Database.BeginTransactionAsync();
            await empty.CommitAsync();
        }

        Assert.Empty(listener.Calls);
        await using (var check = _database.CreateContext())
        {
            var venue = await check.Claims.Where(c => c.Id == claimId).Select(c => c.SaidWhere).SingleAsync();
            Assert.NotEqual("Rolled back venue", venue);
            Assert.NotEqual("Abandoned venue", venue);
        }

        await using (var db = Context(listener))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Claims.SingleAsync(c => c.Id == claimId)).SaidWhere = "Committed venue";
            await db.SaveChangesAsync();
            Assert.Empty(listener.Calls);
            await transaction.CommitAsync();
        }

        var call = Assert.Single(listener.Calls);
        Assert.Contains(call.Rows, r => r.ClrType == typeof(Claim) && r.Id == claimId);
    }

    [Fact]
    public async Task A_failed_save_inside_the_callers_transaction_leaves_nothing_there_and_the_rest_commits()
    {
        var failure = new SearchIndexFailure();
        var listener = new RecordingListener();
        var claimIds = await _database.CreateContext().Claims.OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync();
        var failedBefore = await RevisionCountAsync(RevisionSubjects.Claim, claimIds[1]);

        await using (var db = Context(listener, failure))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Claims.SingleAsync(c => c.Id == claimIds[0])).SaidWhere = "Kept venue";
            await db.SaveChangesAsync();

            var failing = await db.Claims.SingleAsync(c => c.Id == claimIds[1]);
            failing.SaidWhere = "Lost venue";
            failure.Remaining = 1;
            await Assert.ThrowsAsync<TimeoutException>(() => db.SaveChangesAsync());
            await transaction.CommitAsync();
        }

        await using var check = _database.CreateContext();
        Assert.Equal("Kept venue", await check.Claims.Where(c => c.Id == claimIds[0]).Select(c => c.SaidWhere).SingleAsync());
        Assert.NotEqual("Lost venue", await check.Claims.Where(c => c.Id == claimIds[1]).Select(c => c.SaidWhere).SingleAsync());
        Assert.Equal(failedBefore, await RevisionCountAsync(RevisionSubjects.Claim, claimIds[1]));
        var call = Assert.Single(listener.Calls);
        Assert.DoesNotContain(call.Rows, r => r.Id == claimIds[1]);
    }

    [Fact]
    public async Task Changing_only_a_verdicts_evidence_is_a_verdict_revision_and_moves_its_version_on()
    {
        var verdictId = await _database.CreateContext().Verdicts.Where(v => v.Claim.Evidence.Count > v.Evidence.Count).OrderBy(v => v.Id).Select(v => v.Id).FirstAsync();
        int version;
        List<int> chosen;
        await using (var db = Context(new RecordingListener()))
        {
            var verdict = await db.Verdicts.Include(v => v.Evidence).Include(v => v.Claim).ThenInclude(c => c.Evidence).SingleAsync(v => v.Id == verdictId);
            version = verdict.Version;
            verdict.Evidence.Add(verdict.Claim.Evidence.Where(e => !verdict.Evidence.Contains(e)).OrderBy(e => e.Id).First());
            chosen = verdict.Evidence.Select(e => e.Id).Order().ToList();
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        var revision = await check.Revisions.Where(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == verdictId)
            .OrderByDescending(r => r.Number).FirstAsync();
        Assert.Equal(RevisionAction.Updated, revision.Action);
        Assert.Equal("Evidence", revision.ChangedFields);
        Assert.Contains($"\"EvidenceIds\":[{string.Join(',', chosen)}]", revision.Snapshot, StringComparison.Ordinal);
        Assert.Equal(version + 1, await check.Verdicts.Where(v => v.Id == verdictId).Select(v => v.Version).SingleAsync());
    }

    [Fact]
    public async Task Synchronous_saves_and_commits_that_would_block_on_async_work_are_refused()
    {
        var claimId = await FirstClaimIdAsync();
        await using var db = Context(new RecordingListener());
        (await db.Claims.SingleAsync(c => c.Id == claimId)).SaidWhere = "Sync venue";
        Assert.Throws<NotSupportedException>(() => db.SaveChanges());

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        Assert.Throws<NotSupportedException>(() => transaction.Commit());
    }

    private FactCheckDbContext Context(ISavedChangesListener listener, SearchIndexFailure? failure = null, bool retrying = false)
    {
        var options = new DbContextOptionsBuilder<FactCheckDbContext>()
            .UseSqlite(_database.ConnectionString, sqlite =>
            {
                if (retrying)
                {
                    sqlite.ExecutionStrategy(dependencies => new RetryOnTransientStrategy(dependencies));
                }
            });
        if (failure is not null)
        {
            options.AddInterceptors(failure);
        }

        return new FactCheckDbContext(options.Options, [listener]);
    }

    private static Verdict NewVerdict(int claimId, Rating rating, DateTime publishedAtUtc) => new()
    {
        ClaimId = claimId,
        Rating = rating,
        Headline = $"Pipeline test verdict {Guid.NewGuid():N}",
        RationaleMarkdown = "Test.",
        Author = "Test desk",
        AsOf = new ReportedDate(DateOnly.FromDateTime(publishedAtUtc), DatePrecision.Day),
        Status = VerdictStatus.Published,
        CreatedAtUtc = publishedAtUtc,
        PublishedAtUtc = publishedAtUtc,
    };

    private async Task<int> FirstClaimIdAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private async Task<int> RevisionCountAsync(string type, int id)
    {
        await using var db = _database.CreateContext();
        return await db.Revisions.CountAsync(r => r.EntityType == type && r.EntityId == id);
    }

    private static Task<List<int>> ClaimSearchAsync(FactCheckDbContext db, string word) =>
        db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ClaimSearch WHERE ClaimSearch MATCH {word}").ToListAsync();

    private sealed class RecordingListener : ISavedChangesListener
    {
        public List<ChangeSet> Calls { get; } = [];

        public Task OnCommittedAsync(ChangeSet changes, CancellationToken cancellationToken)
        {
            Calls.Add(changes);
            return Task.CompletedTask;
        }
    }

    /// <summary>Fails the next <see cref="Remaining"/> statements that write the claims' full-text index.</summary>
    private sealed class SearchIndexFailure : DbCommandInterceptor
    {
        public int Remaining { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Remaining > 0 && command.CommandText.Contains("INSERT INTO ClaimSearch", StringComparison.Ordinal))
            {
                Remaining--;
                throw new TimeoutException("The search index is down (test).");
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Stands in for a provider's retry on failure (Npgsql's EnableRetryOnFailure) on SQLite.</summary>
    private sealed class RetryOnTransientStrategy(ExecutionStrategyDependencies dependencies) : ExecutionStrategy(dependencies, 3, TimeSpan.Zero)
    {
        protected override bool ShouldRetryOn(Exception exception) => exception is TimeoutException;

        protected override TimeSpan? GetNextDelay(Exception lastException) => ExceptionsEncountered.Count <= MaxRetryCount ? TimeSpan.Zero : null;
    }
}
