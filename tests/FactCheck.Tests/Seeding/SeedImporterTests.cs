using System.Security.Cryptography;
using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Entities;
using FactCheck.Data.Seeding;
using FactCheck.Data.Verdicts;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Seeding;

public sealed class SeedImporterTests : IAsyncLifetime
{
    private const string FactCheckFile = "004_210fd761f616b05a.txt";
    private readonly SeedDatabase _database = new();

    public Task InitializeAsync() => _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Imports_every_document_byte_for_byte_with_its_hash()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var sources = await db.Sources.ToListAsync();
        Assert.Equal(5, sources.Count);
        foreach (var source in sources)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(_database.SeedDirectory, source.Key));
            Assert.Equal(bytes, System.Text.Encoding.UTF8.GetBytes(source.Text));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), source.ContentHash);
        }

        var factCheck = sources.Single(s => s.Key == FactCheckFile);
        Assert.Equal(SourceKind.FactCheck, factCheck.Kind);
        Assert.Equal(new ReportedDate(new DateOnly(2021, 12, 1), DatePrecision.Month), factCheck.PublishedOn);
        Assert.Equal(DatePrecision.Year, sources.Single(s => s.Key.StartsWith("002_", StringComparison.Ordinal)).PublishedOn.Precision);
    }

    [Fact]
    public async Task Every_passage_is_the_exact_text_at_its_offsets_with_its_context()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var passages = await db.Passages.Include(p => p.Source).ToListAsync();
        Assert.NotEmpty(passages);
        foreach (var passage in passages)
        {
            var text = passage.Source.Text;
            Assert.Equal(passage.Exact, text[passage.Start..passage.End]);
            Assert.EndsWith(passage.Prefix, text[..passage.Start], StringComparison.Ordinal);
            Assert.StartsWith(passage.Suffix, text[passage.End..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_Balki_claim_has_the_fact_checks_verdict_and_the_HRW_UN_and_CNN_evidence()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var balki = await db.Claims
            .Include(c => c.Claimant).Include(c => c.Evidence).ThenInclude(e => e.Passage).ThenInclude(p => p.Source).Include(c => c.Verdicts)
            .SingleAsync(c => c.Key == "balki-amnesty-fully-committed");

        Assert.Equal("Abdul Qahar Balki", balki.Claimant.Name);
        Assert.Equal(ReportedDate.Day(2021, 12, 5), balki.SaidOn);
        Assert.StartsWith("The Mojahedin are fully committed to enforcing the amnesty decree", balki.Quote, StringComparison.Ordinal);
        var contradicting = balki.Evidence.Where(e => e.Stance == Stance.Contradicts).Select(e => e.Organization).ToHashSet();
        Assert.Contains("Human Rights Watch", contradicting);
        Assert.Contains("UN High Commissioner for Human Rights", contradicting);
        Assert.Contains("CNN", contradicting);
        Assert.Contains(balki.Evidence, e => e.Organization == "Human Rights Watch" && e.Passage.Exact.Contains("more than 100 former officers were killed", StringComparison.Ordinal));

        // The evidence is HRW's finding, cited through the VOA fact-check that reports it.
        Assert.All(balki.Evidence, e => Assert.Equal(FactCheckFile, e.Passage.Source.Key));
        var verdict = Assert.Single(balki.Verdicts);
        Assert.Equal(Rating.Misleading, verdict.Rating);
        Assert.Equal(VerdictStatus.Published, verdict.Status);
    }

    [Fact]
    public async Task The_2018_Ramadan_amnesty_is_one_claim_appearing_in_two_documents()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var claims = await db.Claims.Include(c => c.Appearances).ThenInclude(a => a.Passage).ThenInclude(p => p.Source)
            .Where(c => c.Quote.Contains("general amnesty")).ToListAsync();

        var claim = Assert.Single(claims);
        Assert.Equal(2, claim.Appearances.Select(a => a.Passage.Source.Key).Distinct().Count());
    }

    [Fact]
    public async Task Every_document_yields_a_claim_or_evidence()
    {
        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var cited = await db.Passages.Where(p => db.Evidence.Any(e => e.PassageId == p.Id) || db.ClaimAppearances.Any(a => a.PassageId == p.Id))
            .Select(p => p.Source.Key).Distinct().CountAsync();
        Assert.Equal(5, cited);
    }

    [Fact]
    public async Task Importing_twice_creates_nothing_new()
    {
        var first = await _database.ImportAsync();
        var counts = await CountRowsAsync();

        var second = await _database.ImportAsync();

        Assert.True(first.TotalCreated > 0);
        Assert.Equal(0, second.TotalCreated);
        Assert.Equal(0, second.TotalUpdated);
        Assert.Equal(counts, await CountRowsAsync());
    }

    [Fact]
    public async Task A_quote_missing_from_its_document_fails_naming_file_and_quote_and_imports_nothing()
    {
        const string Real = "HRW said it found credible information that more than 100 former officers were killed.";
        const string Altered = "HRW said it found credible information that more than 500 former officers were killed.";
        _database.RewriteArchive(json => json.Replace(Real, Altered, StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);

        Assert.Contains(FactCheckFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(Altered, error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0, 0), await CountRowsAsync());
    }

    [Fact]
    public async Task A_typo_in_a_field_name_fails_instead_of_being_dropped()
    {
        _database.RewriteArchive(json => json.Replace("\"organization\":", "\"organisation\":", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);

        Assert.Contains("organisation", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0, 0), await CountRowsAsync());
    }

    // Deliberately changed with issue 9: a lost passage used to fail the whole import; now it is flagged for the
    // editors, keeps its quote as cited, and the rest of the archive (here a renamed topic) still imports.
    [Fact]
    public async Task A_changed_document_that_loses_a_cited_passage_flags_it_and_imports_the_rest()
    {
        const string Lost = "more than 100 former officers were killed";
        await _database.ImportAsync();
        var path = Path.Combine(_database.SeedDirectory, FactCheckFile);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("more than 100 former officers", "many former officers", StringComparison.Ordinal));
        _database.RewriteArchive(json => json
            .Replace("In a November 30 report, “No Forgiveness for People Like You,” Human Rights Watch reported the accounts of 67 former members of the Afghan National Security Forces (ANSF), including military, police and intelligence. Forty interviews were conducted in person in various provinces. HRW said it found credible information that more than 100 former officers were killed.", "On December 5, Abdul Qahar Balki", StringComparison.Ordinal)
            .Replace("The Taliban's amnesty pledges, 2018–2021", "Renamed topic", StringComparison.Ordinal));

        await _database.ImportAsync();

        await using var db = _database.CreateContext();
        var source = await db.Sources.Include(s => s.Passages).SingleAsync(s => s.Key == FactCheckFile);
        Assert.Contains("many former officers", source.Text, StringComparison.Ordinal);
        var flagged = Assert.Single(source.Passages, p => p.LostAtUtc is not null);
        Assert.Contains(Lost, flagged.Exact, StringComparison.Ordinal);
        Assert.True(await db.Evidence.AnyAsync(e => e.PassageId == flagged.Id && e.Organization == "Human Rights Watch"));
        Assert.All(source.Passages.Where(p => p.LostAtUtc is null), p => Assert.Equal(p.Exact, source.Text[p.Start..p.End]));
        Assert.Equal("Renamed topic", (await db.Topics.SingleAsync(t => t.Slug == "taliban-amnesty-pledges")).Name);
    }

    [Fact]
    public async Task A_document_edited_around_its_citations_keeps_them_pointing_at_the_same_words()
    {
        await _database.ImportAsync();
        var path = Path.Combine(_database.SeedDirectory, FactCheckFile);
        await File.WriteAllTextAsync(path, "Editor's note: this archived copy was re-captured.\n\n" + await File.ReadAllTextAsync(path));

        var result = await _database.ImportAsync();

        Assert.Equal(1, result.Updated("sources"));
        await using var db = _database.CreateContext();
        var source = await db.Sources.Include(s => s.Passages).SingleAsync(s => s.Key == FactCheckFile);
        Assert.StartsWith("Editor's note", source.Text, StringComparison.Ordinal);
        Assert.All(source.Passages, p => Assert.Equal(p.Exact, source.Text[p.Start..p.End]));
    }

    [Fact]
    public async Task A_reimport_keeps_a_claims_desk_edits_and_leaves_a_retracted_claim_as_the_desk_left_it()
    {
        await _database.ImportAsync();
        int editedId, retractedId;
        await using (var db = _database.CreateContext())
        {
            var claims = await db.Claims.Include(c => c.Topics).OrderBy(c => c.Id).Take(2).ToListAsync();
            (editedId, retractedId) = (claims[0].Id, claims[1].Id);
            Assert.NotEmpty(claims[1].Topics);
            db.Attribution = new ChangeAttribution("editor@example.org", "A clearer summary");
            (claims[0].Summary, claims[0].Slug) = ("A summary an editor rewrote", "a-summary-an-editor-rewrote");
            (claims[1].RetractedAtUtc, claims[1].RetractionReason, claims[1].RetractedBy) = (DateTime.UtcNow, "Misattributed", "chief@example.org");
            claims[1].Topics.Clear();
            await db.SaveChangesAsync();
        }

        await _database.ImportAsync();

        await using var check = _database.CreateContext();
        var all = check.Claims.IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).Include(c => c.Topics);
        var edited = await all.SingleAsync(c => c.Id == editedId);
        Assert.Equal(("A summary an editor rewrote", "a-summary-an-editor-rewrote"), (edited.Summary, edited.Slug));
        var retracted = await all.SingleAsync(c => c.Id == retractedId);
        Assert.Equal("Misattributed", retracted.RetractionReason);
        Assert.Empty(retracted.Topics);
    }

    private async Task<(int Sources, int Claims, int Passages, int Evidence, int Verdicts)> CountRowsAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Sources.CountAsync(), await db.Claims.CountAsync(), await db.Passages.CountAsync(), await db.Evidence.CountAsync(), await db.Verdicts.CountAsync());
    }
}

public sealed class SeedImporterValidationTests : IAsyncLifetime
{
    private readonly SeedDatabase _database = new();

    public Task InitializeAsync() => _database.MigrateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_document_url_that_is_not_http_fails_the_import()
    {
        _database.RewriteArchive(json => json.Replace("\"publisher\": \"NBC News\",", "\"publisher\": \"NBC News\", \"originalUrl\": \"javascript:alert(document.cookie)\",", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);

        Assert.Contains("originalUrl", error.Message, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Sources.CountAsync());
    }

    [Fact]
    public async Task A_documents_access_date_is_imported_and_a_malformed_one_fails_the_import()
    {
        _database.RewriteArchive(json => json.Replace("\"publisher\": \"NBC News\",", "\"publisher\": \"NBC News\", \"accessed\": \"2021-12-06\",", StringComparison.Ordinal));
        await _database.ImportAsync();
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(new DateOnly(2021, 12, 6), await db.Sources.Where(s => s.Publisher == "NBC News").Select(s => s.AccessedOn).SingleAsync());
        }

        _database.RewriteArchive(json => json.Replace("\"accessed\": \"2021-12-06\"", "\"accessed\": \"6 Dec 2021\"", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);
        Assert.Contains("access date '6 Dec 2021' is not YYYY-MM-DD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_passage_cited_twice_for_one_claim_fails_instead_of_overwriting()
    {
        const string Cnn = "\"stance\": \"Contradicts\",\n          \"organization\": \"CNN\"";
        _database.RewriteArchive(json =>
        {
            // Duplicate the Shaheen claim's only evidence item, changing its stance.
            var key = json.IndexOf("\"key\": \"shaheen-cnn-video-fake\"", StringComparison.Ordinal);
            var start = json.IndexOf("\"evidence\": [", key, StringComparison.Ordinal) + "\"evidence\": [".Length;
            var end = json.IndexOf("\n        }", start, StringComparison.Ordinal) + "\n        }".Length;
            var item = json[start..end];
            Assert.Contains(Cnn, item, StringComparison.Ordinal);
            return json.Insert(end, "," + item.Replace("\"Contradicts\"", "\"Supports\"", StringComparison.Ordinal));
        });

        var error = await Assert.ThrowsAsync<SeedImportException>(_database.ImportAsync);

        Assert.Contains("cited as evidence 2 times", error.Message, StringComparison.Ordinal);
    }
}
