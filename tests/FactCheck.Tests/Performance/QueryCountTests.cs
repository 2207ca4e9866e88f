using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Performance;

/// <summary>
/// The site with every SQL command recorded against the request that issued it, and the output cache
/// off so that every request really reaches the database. The full-text index runs its statements through
/// the same DbContext (SqlQueryRaw), so its commands pass this interceptor like EF's own; the site creates
/// no bare ADO.NET commands.
/// </summary>
public sealed class QueryCountAppFactory : FactCheckAppFactory
{
    public ConcurrentQueue<(string Request, string Sql)> Commands { get; } = new();

    /// <summary>Each command's parameters as bound, by command text, so a test can ask SQLite for the plan it ran.</summary>
    public ConcurrentDictionary<string, (string Name, object? Value)[]> Parameters { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OutputCache:Enabled", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.ConfigureDbContext<FactCheckDbContext>((provider, options) =>
                options.AddInterceptors(new CommandRecorder(provider.GetRequiredService<IHttpContextAccessor>(), Commands, Parameters)));
        });
    }

    private sealed class CommandRecorder(IHttpContextAccessor http, ConcurrentQueue<(string Request, string Sql)> commands, ConcurrentDictionary<string, (string Name, object? Value)[]> parameters) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            if (http.HttpContext?.Request is { } request)
            {
                commands.Enqueue((request.Path + request.QueryString, command.CommandText));
                parameters[command.CommandText] = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToArray();
            }
        }
    }
}

/// <summary>
/// Each reader page reads the database a handful of times whatever the amount of data behind it:
/// no query per evidence item, per claim in a list or per search hit.
/// </summary>
// SQLite only for now (not in the PostgreSQL pass): its command counts are SQLite's (the full-text index's SQL and the redirect query differ on PostgreSQL).
public sealed class QueryCountTests(QueryCountAppFactory app) : IClassFixture<QueryCountAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    /// <summary>
    /// Each page's limit is what it issues today with the seed archive, every command counted; none grows with
    /// the data (the claim page's test below adds evidence to show it). The claim page: the claim, its topics,
    /// evidence, appearances, verdicts and page history (the newest versions, which the citation's permalink
    /// names), then similar claims: the stored set and the suggested claims; before the set is stored (its first
    /// view) the set, then the ranking (the claim's words, their frequencies, the claim count, the ranking) instead. Search: for each of claims, evidence and
    /// documents a capped count and one page of hits, then the records behind the hits. The claims and search
    /// forms also read the documents offered in the filter's select (one capped query), and the topic page reads
    /// its chart (one query: each claim's date for a small topic, grouped counts for a large one). The claimant
    /// and topic pages find a page's claims in the listings' index, then read those claims.
    /// </summary>
    public static TheoryData<string, int> Pages => new()
    {
        { "home", 2 },
        { "claim", 8 },
        { "claim-first-view", 13 },
        { "source", 4 },
        { "claims", 5 },
        { "claims-filtered", 5 },
        { "claimant", 4 },
        { "topic", 6 },
        { "search", 12 },
        { "feed", 1 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_issues_at_most_a_handful_of_queries(string page, int limit)
    {
        var path = await PathOfAsync(page);
        var commands = await CommandsForAsync(path);
        Assert.True(commands.Count <= limit, $"{path} issued {commands.Count} SQL commands (at most {limit} allowed):\n{string.Join("\n---\n", commands)}");
    }

    [Fact]
    public async Task The_full_text_queries_are_counted_with_the_rest()
    {
        var commands = await CommandsForAsync("/search?q=amnesty");

        // One capped count and one page of hits for each of claims, evidence and documents.
        foreach (var table in new[] { "ClaimSearch", "EvidenceSearch", "SourceSearch" })
        {
            Assert.Equal(2, commands.Count(c => c.Contains($"FROM {table}", StringComparison.Ordinal) && c.Contains("MATCH", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task An_old_permalink_is_redirected_after_one_query()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var oldPath = $"/claims/{balki.Id}/an-old-headline";

        var commands = await CommandsForAsync(oldPath, HttpStatusCode.MovedPermanently, balki.Path);

        Assert.Single(commands);
    }

    [Fact]
    public async Task Claim_page_issues_the_same_queries_however_much_evidence_it_has()
    {
        var claim = await SeededClaims.LoadAsync(app, "mujahid-amnesty-for-all-employees");
        await SimilarSets.EnsureFreshAsync(app, claim.Id);
        var before = await CommandsForAsync(claim.Path);

        // Twelve more evidence items, each citing its own passage of a seed document.
        await app.QueryAsync(async db =>
        {
            var source = await db.Sources.OrderBy(s => s.Id).FirstAsync();
            var taken = await db.Passages.Where(p => p.SourceId == source.Id).Select(p => p.Start).ToListAsync();
            var added = 0;
            for (var start = 0; added < 12 && start + 20 <= source.Text.Length; start += 40)
            {
                if (taken.Contains(start))
                {
                    continue;
                }

                var passage = new Passage { SourceId = source.Id, Start = start, End = start + 20, Exact = source.Text[start..(start + 20)], Prefix = "", Suffix = "" };
                db.Evidence.Add(new Evidence
                {
                    ClaimId = claim.Id,
                    Passage = passage,
                    Stance = Stance.AddsContext,
                    Note = $"Added evidence {added}",
                    Organization = "Query count test",
                    FoundOn = ReportedDate.Year(2022),
                });
                added++;
            }

            return await db.SaveChangesAsync();
        });

        var page = await _client.GetStringAsync(new Uri(claim.Path, UriKind.Relative));
        Assert.Contains("Added evidence 11", page, StringComparison.Ordinal);
        var after = await CommandsForAsync(claim.Path);
        Assert.Equal(before.Count, after.Count);
    }

    /// <summary>
    /// The pages whose data grows with the archive read it through indexes only: SQLite's plan for every statement
    /// they issue searches an index or a key, and never scans a table (the full-text index's own scan of a term's
    /// matches aside). At 100,000 claims a scan is what turned a 5 ms page into a 1 s one (docs/performance/cold-pages.md).
    /// </summary>
    [Theory]
    [InlineData("claim")]
    [InlineData("topic")]
    [InlineData("claimant")]
    [InlineData("search")]
    [InlineData("search-in-topic")]
    public async Task Page_reads_no_table_in_full(string page)
    {
        var path = await PathOfAsync(page);
        var commands = await CommandsForAsync(path);
        var scans = new List<string>();
        foreach (var sql in commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).Distinct())
        {
            var plan = await app.QueryAsync(async db =>
            {
                var connection = db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in app.Parameters[sql])
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                var rows = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetString(3));
                }

                return rows;
            });
            // A walk in key order that the statement's LIMIT stops (the newest documents for the form's select) is not a full read.
            var stopsEarly = sql.Contains("LIMIT", StringComparison.Ordinal) && !plan.Exists(line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
            scans.AddRange(plan.Where(line => IsTableScan(line) && !stopsEarly).Select(line => $"{line}\n  in: {sql}"));
        }

        Assert.True(scans.Count == 0, $"{path} scans whole tables:\n{string.Join("\n", scans)}");

        // "SCAN x VIRTUAL TABLE" is FTS5 walking a term's posting list, "SCAN (subquery-n)" reads a bounded
        // subquery's rows, "SCAN CONSTANT ROW" reads nothing; the topics, a few hundred, are listed whole by name.
        static bool IsTableScan(string line) =>
            line.StartsWith("SCAN ", StringComparison.Ordinal)
            && !line.Contains("VIRTUAL TABLE", StringComparison.Ordinal)
            && !line.StartsWith("SCAN (subquery", StringComparison.Ordinal)
            && !line.StartsWith("SCAN CONSTANT ROW", StringComparison.Ordinal)
            && !line.Contains("IX_Topics_", StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    private async Task<IReadOnlyList<string>> CommandsForAsync(string path, HttpStatusCode status = HttpStatusCode.OK, string? location = null)
    {
        _ = app.BaseAddress;
        while (app.Commands.TryDequeue(out _))
        {
        }

        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == status, $"GET {path} returned {(int)response.StatusCode}, not {(int)status}");
        if (location is not null)
        {
            Assert.Equal(location, response.Headers.Location?.OriginalString);
        }

        await response.Content.ReadAsStringAsync();
        return app.Commands.Where(c => c.Request == path).Select(c => c.Sql).ToList();
    }

    private async Task<string> PathOfAsync(string page)
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        if (page == "claim")
        {
            await SimilarSets.EnsureFreshAsync(app, balki.Id);
        }
        else if (page == "claim-first-view")
        {
            await app.QueryAsync(db => db.SimilarClaimSets.Where(s => s.ClaimId == balki.Id).ExecuteDeleteAsync());
        }

        return page switch
        {
            "home" => "/",
            "claim" or "claim-first-view" => balki.Path,
            "source" => balki.Evidence[0].SourcePath,
            "claims" => "/claims",
            "claims-filtered" => "/claims?rating=misleading&sort=rating",
            "claimant" => "/claimants/" + await app.QueryAsync(db => db.Claims.Where(c => c.Id == balki.Id).Select(c => c.Claimant.Slug).SingleAsync()),
            "topic" => "/topics/taliban-amnesty-pledges",
            "search" => "/search?q=amnesty",
            "search-in-topic" => "/search?q=amnesty&topic=taliban-amnesty-pledges",
            "feed" => "/feeds/verdicts.atom",
            _ => throw new ArgumentOutOfRangeException(nameof(page), page, "Unknown page."),
        };
    }
}
