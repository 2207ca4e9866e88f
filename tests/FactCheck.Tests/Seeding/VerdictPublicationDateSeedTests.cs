using FactCheck.Data.Entities;
using FactCheck.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FactCheck.Tests.Seeding;

/// <summary>
/// A verdict's publication date (Verdict.PublishedOn) comes from the archive when it records one, is filled
/// in by a later import when an earlier one did not know it, and is never the import's moment.
/// </summary>
public sealed class VerdictPublicationDateSeedTests : IAsyncLifetime
{
    private const string BalkiPublished = "\"asOf\": \"2021-12\",\n          \"published\": \"2021-12\",";
    private const string BalkiUnpublished = "\"asOf\": \"2021-12\",";
    private const string MigrationBeforePublishedOn = "20261129204706_AddVerdictClaimReviewed";

    private readonly SeedDatabase _database = new();

    public Task InitializeAsync() => _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_Polygraph_verdict_is_published_December_2021_and_the_archive_desks_have_no_publication_date()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var verdicts = await db.Verdicts.Include(v => v.Claim).ToListAsync();
        var balki = Assert.Single(verdicts, v => v.Claim.Key == "balki-amnesty-fully-committed");
        Assert.Equal(ReportedDate.Month(2021, 12), balki.PublishedOn);
        Assert.Equal("Polygraph.info", balki.Author);
        Assert.All(verdicts.Where(v => v.Id != balki.Id), v => Assert.Null(v.PublishedOn));
    }

    [Fact]
    public async Task A_re_import_fills_a_publication_date_an_earlier_import_lacked_and_then_changes_nothing()
    {
        var original = await File.ReadAllTextAsync(_database.ArchivePath);
        _database.RewriteArchive(json => json.Replace(BalkiPublished, BalkiUnpublished, StringComparison.Ordinal));
        await _database.ImportAsync();
        Assert.Null(await BalkiPublishedOnAsync());

        await File.WriteAllTextAsync(_database.ArchivePath, original);
        var filling = await _database.ImportAsync();
        var again = await _database.ImportAsync();

        Assert.Equal(0, filling.TotalCreated);
        Assert.Equal(1, filling.Updated("verdicts"));
        Assert.Equal(1, filling.TotalUpdated);
        Assert.Equal(ReportedDate.Month(2021, 12), await BalkiPublishedOnAsync());
        Assert.Equal(0, again.TotalCreated);
        Assert.Equal(0, again.TotalUpdated);
    }

    [Theory]
    [InlineData("2021-13")]
    [InlineData("December 2021")]
    public async Task A_publication_date_that_is_not_a_date_fails_the_import(string published)
    {
        _database.RewriteArchive(json => json.Replace(BalkiPublished, $"\"asOf\": \"2021-12\",\n          \"published\": \"{published}\",", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);

        Assert.Contains($"verdict publication date '{published}'", error.Message, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Verdicts.CountAsync());
    }

    [Fact]
    public async Task The_migration_dates_desk_published_verdicts_by_the_day_they_went_live_and_leaves_imports_undated()
    {
        await _database.ImportAsync();
        int deskId;
        DateTime wentLive;
        await using (var db = _database.CreateContext())
        {
            // A verdict as the desk leaves it: an editor's name. Raw SQL, as rows stood before the migration.
            var desk = (await db.Verdicts.AsNoTracking().OrderBy(v => v.Id).ToListAsync()).First(v => v.PublishedOn is null);
            (deskId, wentLive) = (desk.Id, desk.PublishedAtUtc!.Value);
            await db.Database.ExecuteSqlAsync($"UPDATE Verdicts SET UpdatedBy = 'chief@example.com' WHERE Id = {deskId}");

            // Back to the schema before PublishedOn, then forward again: the migration's backfill runs on these rows.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(MigrationBeforePublishedOn);
            await migrator.MigrateAsync();
        }

        await using var after = _database.CreateContext();
        var verdicts = await after.Verdicts.ToListAsync();
        Assert.Equal(new ReportedDate(DateOnly.FromDateTime(wentLive), DatePrecision.Day), verdicts.Single(v => v.Id == deskId).PublishedOn);
        Assert.All(verdicts.Where(v => v.Id != deskId), v => Assert.Null(v.PublishedOn));

        // The seed import gives the archive's verdicts back the dates it records.
        await _database.ImportAsync();
        Assert.Equal(ReportedDate.Month(2021, 12), await BalkiPublishedOnAsync());
    }

    private async Task<ReportedDate?> BalkiPublishedOnAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Verdicts.Where(v => v.Claim.Key == "balki-amnesty-fully-committed").Select(v => v.PublishedOn).SingleAsync();
    }
}
