using System.Net;
using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Performance;

/// <summary>A site of its own: these tests change the database, which the shared site's readers must not see.</summary>
public sealed class OutputCacheAppFactory : FactCheckAppFactory;

/// <summary>
/// The output cache, proven without timing: a row changed behind the application's back (raw SQL, no
/// SaveChanges, so no eviction) must not show while the page is cached; the same kind of change made
/// through SaveChangesAsync must show on the very next request.
/// </summary>
public sealed class OutputCacheTests(OutputCacheAppFactory app) : IClassFixture<OutputCacheAppFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    [Fact]
    public async Task Claim_page_is_served_from_the_cache_until_a_save_changes_the_claim()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var original = await SummaryOfAsync(claim.Id);

        var first = await GetAsync(claim.Path);
        Assert.Contains(original, first.Text, StringComparison.Ordinal);

        await ExecuteRawSqlAsync("UPDATE \"Claims\" SET \"Summary\" = 'Changed behind the cache' WHERE \"Id\" = $id", claim.Id);
        var second = await GetAsync(claim.Path);
        Assert.Contains(original, second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Changed behind the cache", second.Text, StringComparison.Ordinal);
        Assert.NotNull(second.Age);

        await app.QueryAsync(async db =>
        {
            var tracked = await db.Claims.SingleAsync(c => c.Id == claim.Id);
            tracked.Summary = "Saved through the application";
            return await db.SaveChangesAsync();
        });
        var third = await GetAsync(claim.Path);
        Assert.Contains("Saved through the application", third.Text, StringComparison.Ordinal);
        Assert.Null(third.Age);
    }

    [Fact]
    public async Task Changing_evidence_evicts_its_claim_and_document_but_not_other_claims()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.RamadanAmnestyKey);
        var other = await SeededClaims.LoadAsync(app, "taliban-2018-invitation-jihadi-leaders");
        var evidenceId = await app.QueryAsync(db => db.Evidence.Where(e => e.ClaimId == claim.Id).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        var sourcePath = await app.QueryAsync(db => db.Evidence.Where(e => e.Id == evidenceId)
            .Select(e => "/sources/" + e.Passage.SourceId + "/" + e.Passage.Source.Slug).SingleAsync());
        var otherSummary = await SummaryOfAsync(other.Id);
        await GetAsync(claim.Path);
        await GetAsync(other.Path);
        await GetAsync(sourcePath);

        await ExecuteRawSqlAsync("UPDATE \"Claims\" SET \"Summary\" = 'Other claim changed behind the cache' WHERE \"Id\" = $id", other.Id);
        await app.QueryAsync(async db =>
        {
            var evidence = await db.Evidence.SingleAsync(e => e.Id == evidenceId);
            evidence.Note = "A note revised by the desk";
            return await db.SaveChangesAsync();
        });

        Assert.Contains("A note revised by the desk", (await GetAsync(claim.Path)).Text, StringComparison.Ordinal);
        var source = await GetAsync(sourcePath);
        Assert.Null(source.Age);
        var otherPage = await GetAsync(other.Path);
        Assert.Contains(otherSummary, otherPage.Text, StringComparison.Ordinal);
        Assert.NotNull(otherPage.Age);
    }

    [Fact]
    public async Task Publishing_a_verdict_evicts_the_claim_page_and_the_filtered_lists()
    {
        var claim = await SeededClaims.LoadAsync(app, "shaheen-cnn-video-fake");
        var summary = await SummaryOfAsync(claim.Id);
        var trueList = "/claims?rating=true";
        Assert.DoesNotContain(summary, (await GetAsync(trueList)).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Re-rated after new footage", (await GetAsync(claim.Path)).Text, StringComparison.Ordinal);

        await app.QueryAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.Verdicts.Add(new Verdict
            {
                ClaimId = claim.Id,
                Rating = Rating.True,
                Headline = "Re-rated after new footage",
                RationaleMarkdown = "New footage settles it.",
                Author = "Test desk",
                AsOf = new ReportedDate(DateOnly.FromDateTime(now), DatePrecision.Day),
                Status = VerdictStatus.Published,
                CreatedAtUtc = now,
                PublishedAtUtc = now,
            });
            return await db.SaveChangesAsync();
        });

        Assert.Contains("Re-rated after new footage", (await GetAsync(claim.Path)).Text, StringComparison.Ordinal);
        Assert.Contains(summary, (await GetAsync(trueList)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_with_credentials_are_never_answered_from_the_cache()
    {
        var claim = await SeededClaims.LoadAsync(app, "blinken-2021-no-immediate-deterioration");
        await GetAsync(claim.Path);
        await ExecuteRawSqlAsync("UPDATE \"Claims\" SET \"Summary\" = 'Fresh for signed-in readers' WHERE \"Id\" = $id", claim.Id);

        using var withAuthorization = new HttpRequestMessage(HttpMethod.Get, claim.Path);
        withAuthorization.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "editor-token");
        using var authorized = await _client.SendAsync(withAuthorization);
        Assert.Contains("Fresh for signed-in readers", Html.Parse(await authorized.Content.ReadAsStringAsync()).DocumentElement.TextContent, StringComparison.Ordinal);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, claim.Path);
        withCookie.Headers.Add("Cookie", ".AspNetCore.Identity.Application=signed-in");
        using var signedIn = await _client.SendAsync(withCookie);
        Assert.Contains("Fresh for signed-in readers", Html.Parse(await signedIn.Content.ReadAsStringAsync()).DocumentElement.TextContent, StringComparison.Ordinal);

        // The anonymous reader still gets the cached page: the credentialed requests neither read nor replaced it.
        var anonymous = await GetAsync(claim.Path);
        Assert.DoesNotContain("Fresh for signed-in readers", anonymous.Text, StringComparison.Ordinal);
        Assert.NotNull(anonymous.Age);
    }

    [Fact]
    public async Task Missing_pages_are_not_cached()
    {
        using var first = await _client.GetAsync(new Uri("/claims/987654/nothing-here", UriKind.Relative));
        using var second = await _client.GetAsync(new Uri("/claims/987654/nothing-here", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Null(second.Headers.Age);
    }

    [Fact]
    public async Task An_audit_line_or_an_account_change_leaves_the_reader_cache_alone()
    {
        var claim = await SeededClaims.LoadAsync(app, SeededClaims.RamadanAmnestyKey);
        await GetAsync(claim.Path);
        Assert.NotNull((await GetAsync(claim.Path)).Age);

        await app.QueryAsync(async db =>
        {
            db.AuditLog.Add(new AuditEntry { AtUtc = DateTime.UtcNow, Action = AuditAction.SignInFailed, Actor = "someone@example.com" });
            db.Users.Add(new FactCheck.Data.Identity.EditorUser { UserName = "cache@example.com", Email = "cache@example.com" });
            return await db.SaveChangesAsync();
        });

        Assert.NotNull((await GetAsync(claim.Path)).Age);
    }

    public void Dispose() => _client.Dispose();

    private Task<string> SummaryOfAsync(int claimId) =>
        app.QueryAsync(db => db.Claims.Where(c => c.Id == claimId).Select(c => c.Summary).SingleAsync());

    private async Task<(string Text, TimeSpan? Age)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}");
        // Compared as the reader sees it: entities decoded, markup gone.
        return (Html.Parse(body).DocumentElement.TextContent, response.Headers.Age);
    }

    /// <summary>Writes straight to the file, bypassing the application and so its cache eviction.</summary>
    private async Task ExecuteRawSqlAsync(string sql, int id)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
