using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Search;

/// <summary>
/// A migrated database of the run's provider (<see cref="FactCheckAppFactory.DefaultProvider"/>: SQLite, or
/// PostgreSQL in the test command's second pass) holding records written through the DbContext, so its
/// search index is the one the save pipeline keeps. Built once per test class; the tests only read.
/// </summary>
public sealed class SearchIndexDatabase : IAsyncLifetime
{
    /// <summary>Claims that all say "budget": more than the count cap, so that word is a very common term.</summary>
    public const int BudgetClaims = 1200;

    private readonly string _folder = Directory.CreateTempSubdirectory("factcheck-search-").FullName;

    private string _connectionString = "";

    public TestDatabase Provider { get; } = FactCheckAppFactory.DefaultProvider;

    public IReadOnlyDictionary<string, int> ClaimIds { get; private set; } = new Dictionary<string, int>();

    public int DocumentId { get; private set; }

    public string DocumentText { get; } = string.Join(' ', Enumerable.Range(0, 150).Select(i => $"filler{i} words")) +
        " the zanzibarite report was filed late " + string.Join(' ', Enumerable.Range(150, 150).Select(i => $"filler{i} words")) + ".";

    public FactCheckDbContext CreateContext() => Provider == TestDatabase.Postgres
        ? new PostgresFactCheckDbContext(new DbContextOptionsBuilder<PostgresFactCheckDbContext>().UseNpgsql(_connectionString).Options)
        : new FactCheckDbContext(new DbContextOptionsBuilder<FactCheckDbContext>().UseSqlite(_connectionString).Options);

    public async Task InitializeAsync()
    {
        _connectionString = Provider == TestDatabase.Postgres
            ? await PostgresServer.Shared.CreateDatabaseAsync("factcheck_search")
            : $"Data Source={Path.Combine(_folder, "search.db")}";
        await using var db = CreateContext();
        await db.Database.MigrateAsync();

        var speaker = new Claimant { Slug = "test-speaker", Name = "Test Speaker", Kind = ClaimantKind.Person };
        var claims = new Dictionary<string, Claim>();
        Claim Add(string key, string quote, string summary)
        {
            var claim = new Claim { Key = key, Slug = key, Quote = quote, Summary = summary, Claimant = speaker, SaidOn = ReportedDate.Day(2021, 8, 17) };
            claims[key] = claim;
            db.Claims.Add(claim);
            return claim;
        }

        // The oldest budget claim says it most often; ranking within the newest matches leaves it out.
        Add("budget-oldest", "Budget, budget, budget: the budget is the budget.", "The budget said five times.");
        for (var i = 1; i < BudgetClaims; i++)
        {
            Add($"budget-{i}", $"Ministry statement {i} on the budget.", $"Budget line {i}.");
        }

        await db.SaveChangesAsync();

        Add("amnesty-pledge", "The minister pledged a full amnesty decree for former officials.", "A pledge of amnesty for officials.");
        Add("decree-unsigned", "The decree on amnesty was never signed.", "An unsigned decree.");
        Add("governments", "Governments rarely publish the numbers.", "Numbers unpublished.");
        Add("harbour", "The harbour reopened after the storm.", "The port is open.");
        Add("abbreviation", "U.S.-led forces left the base.", "Foreign troops withdrew.");
        var document = new Source
        {
            Key = "search-index-long-document",
            Slug = "long-document",
            Title = "A long report",
            Kind = SourceKind.NewsArticle,
            Publisher = "Test Desk",
            PublishedOn = ReportedDate.Day(2022, 1, 5),
            Language = "en",
            Text = DocumentText,
            ContentHash = "test",
        };
        db.Sources.Add(document);
        await db.SaveChangesAsync();

        ClaimIds = claims.ToDictionary(c => c.Key, c => c.Value.Id);
        DocumentId = document.Id;
    }

    public async Task DisposeAsync()
    {
        if (Provider == TestDatabase.Postgres)
        {
            await PostgresServer.Shared.DropDatabaseAsync(_connectionString);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
