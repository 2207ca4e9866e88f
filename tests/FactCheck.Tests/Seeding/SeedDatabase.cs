using FactCheck.Data;
using FactCheck.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactCheck.Tests.Seeding;

/// <summary>A migrated SQLite database file in a temp folder, and a copy of the seed folder that tests may alter.</summary>
public sealed class SeedDatabase : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("factcheck-seed-").FullName;

    public SeedDatabase()
    {
        SeedDirectory = Path.Combine(_root, "seeds");
        Directory.CreateDirectory(SeedDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds")))
        {
            File.Copy(file, Path.Combine(SeedDirectory, Path.GetFileName(file)));
        }

        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_root, "factcheck.db") }.ToString();
    }

    public string SeedDirectory { get; }

    public string ConnectionString { get; }

    public FactCheckDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<FactCheckDbContext>().UseSqlite(ConnectionString).Options);

    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async Task<SeedImportResult> ImportAsync()
    {
        await using var db = CreateContext();
        return await new SeedImporter(db, NullLogger<SeedImporter>.Instance).ImportAsync(SeedDirectory);
    }

    public string ArchivePath => Path.Combine(SeedDirectory, SeedOptions.ArchiveFileName);

    public void RewriteArchive(Func<string, string> change)
    {
        var before = File.ReadAllText(ArchivePath);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(ArchivePath, after);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
