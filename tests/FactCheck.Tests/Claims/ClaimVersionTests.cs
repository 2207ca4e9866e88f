using System.Net;
using System.Security.Claims;
using FactCheck.Data;
using FactCheck.Data.Identity;
using FactCheck.Data.Versions;
using FactCheck.Data.Verdicts;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Claims;

/// <summary>
/// Every published state of a claim page is kept as a numbered version, written by the save that made it:
/// the archive import is version 1, a published verdict the next one, a draft none.
/// </summary>
[Trait("Database", "Both")]
public sealed class ClaimVersionTests(DeskAppFactory app) : WebTestBase(app), IClassFixture<DeskAppFactory>
{
    private static readonly ClaimsPrincipal Editor = User("versions-writer@example.com", DeskRoles.Editor);
    private static readonly ClaimsPrincipal Chief = User("versions-chief@example.com", DeskRoles.ChiefEditor);

    [Fact]
    public async Task Every_imported_claim_has_version_one_naming_the_import()
    {
        var counts = await app.QueryAsync(async db => new
        {
            // The other tests of the class add claims of their own to the shared site.
            Claims = await db.Claims.CountAsync(c => !c.Key.StartsWith("desk-test-")),
            FirstVersions = await db.ClaimVersions.CountAsync(v => v.Number == 1 && v.Author == ChangeAttribution.ArchiveImport.Author && v.Reason == ClaimVersionWriter.FirstPublished),
        });

        Assert.True(counts.Claims > 0);
        Assert.Equal(counts.Claims, counts.FirstVersions);
    }

    [Fact]
    public async Task A_draft_adds_no_version_and_its_publication_adds_one_with_the_editors_name_and_a_readers_reason()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "versions-draft");
        Assert.Equal([1], await NumbersAsync(claim.Id));

        var input = Input(claim, "false", "Versions draft: reprisals are documented");
        var saved = await ApplyAsync(claim, DeskAction.SaveDraft, input, null, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, saved.Kind);
        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, saved.Draft!.Version, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        Assert.Equal([1], await NumbersAsync(claim.Id));

        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, Chief)).Kind);

        var versions = await app.QueryAsync(db => db.ClaimVersions.AsNoTracking().Where(v => v.ClaimId == claim.Id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal("versions-chief@example.com", versions[1].Author);
        Assert.Equal("Verdict published", versions[1].Reason);
        var snapshot = ClaimVersionSnapshot.FromJson(versions[1].Snapshot);
        Assert.Equal("Versions draft: reprisals are documented", Assert.Single(snapshot.Verdicts).Headline);
        Assert.Empty(ClaimVersionSnapshot.FromJson(versions[0].Snapshot).Verdicts);
    }

    [Fact]
    public async Task An_edit_of_a_cited_document_is_a_new_version_of_the_claims_citing_it_and_an_unchanged_save_is_none()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "versions-source");
        var sourceId = await app.QueryAsync(db => db.Evidence.Where(e => e.Id == claim.ContradictingEvidenceId).Select(e => e.Passage.SourceId).SingleAsync());
        var before = await NumbersAsync(claim.Id);

        await app.QueryAsync(async db =>
        {
            var source = await db.Sources.SingleAsync(s => s.Id == sourceId);
            source.AttributionNote = (source.AttributionNote ?? "") + " (not shown on claim pages)";
            return await db.SaveChangesAsync();
        });
        Assert.Equal(before, await NumbersAsync(claim.Id));

        var title = await app.QueryAsync(async db =>
        {
            var source = await db.Sources.SingleAsync(s => s.Id == sourceId);
            var original = source.Title;
            source.Title = original + " (versions test)";
            db.Attribution = new ChangeAttribution("versions-editor@example.com");
            await db.SaveChangesAsync();
            source.Title = original;
            await db.SaveChangesAsync();
            return original;
        });

        var versions = await app.QueryAsync(db => db.ClaimVersions.AsNoTracking().Where(v => v.ClaimId == claim.Id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal(before.Count + 2, versions.Count);
        Assert.Equal("Evidence updated", versions[^2].Reason);
        Assert.Contains(ClaimVersionSnapshot.FromJson(versions[^2].Snapshot).Evidence, e => e.Source.Title == title + " (versions test)");
        Assert.DoesNotContain(ClaimVersionSnapshot.FromJson(versions[^1].Snapshot).Evidence, e => e.Source.Title.EndsWith("(versions test)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_seeded_claims_first_version_shows_its_verdict_and_says_it_is_current()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var rating = await app.QueryAsync(db => db.Claims.Where(c => c.Id == balki.Id).Select(c => c.CurrentRating).SingleAsync());

        var page = await GetPageAsync($"{balki.Path}/v/1");

        Assert.Equal(RatingScale.Get(rating!.Value).Label, page.QuerySelector(".verdict .rating")?.TextContent.Trim());
        Assert.Contains(balki.Quote, page.QuerySelector(".statement")?.TextContent, StringComparison.Ordinal);
        var banner = page.QuerySelector("[role=note]");
        Assert.NotNull(banner);
        Assert.Contains("You are reading version 1 of this page, as published on", banner.TextContent, StringComparison.Ordinal);
        Assert.Contains("This is the current version.", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Equal(Resolve($"{balki.Path}/v/1").ToString(), page.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.Equal(balki.Evidence.Count, page.QuerySelectorAll(".evidence-list .evidence").Length);
    }

    [Fact]
    public async Task After_a_new_verdict_the_old_version_still_shows_the_old_one_and_points_to_the_current_page()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "versions-corrected");
        await PublishAsync(claim, Input(claim, "false", "Versions: the first verdict's headline"));
        await PublishAsync(claim, Input(claim, "mostly-false", "Versions: the corrected headline", "New UN figures on reprisals."));
        Assert.Equal([1, 2, 3], await NumbersAsync(claim.Id));

        var old = await GetPageAsync($"{claim.Path}/v/2");
        Assert.Equal(RatingScale.Get(Rating.False).Label, old.QuerySelector(".verdict .rating")?.TextContent.Trim());
        Assert.Equal("Versions: the first verdict's headline", old.QuerySelector(".verdict__headline")?.TextContent.Trim());
        Assert.DoesNotContain("corrected headline", old.Body!.TextContent, StringComparison.Ordinal);
        var banner = old.QuerySelector("[role=note]")!;
        Assert.Contains("This is not the current version.", banner.TextContent, StringComparison.Ordinal);
        var current = Assert.Single(banner.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Read the current version");
        Assert.Equal(claim.Path, current.GetAttribute("href"));

        var newest = await GetPageAsync($"{claim.Path}/v/3");
        Assert.Equal(RatingScale.Get(Rating.MostlyFalse).Label, newest.QuerySelector(".verdict .rating")?.TextContent.Trim());
        Assert.Equal("Versions: the corrected headline", newest.QuerySelector(".verdict__headline")?.TextContent.Trim());
        Assert.Contains("This is the current version.", newest.QuerySelector("[role=note]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Versions: the first verdict's headline", newest.QuerySelector(".earlier-verdicts")?.TextContent, StringComparison.Ordinal);

        var history = (await GetPageAsync(claim.Path)).QuerySelector("section[aria-labelledby=page-history-heading]");
        Assert.NotNull(history);
        Assert.Equal(
            [$"{claim.Path}/v/3", $"{claim.Path}/v/2", $"{claim.Path}/v/1"],
            history.QuerySelectorAll("li a").Select(a => a.GetAttribute("href")));
        Assert.Contains("New verdict published", history.QuerySelectorAll("li")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Verdict published", history.QuerySelectorAll("li")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_version_or_claim_is_not_found_and_an_old_slug_is_redirected_to_the_version()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        foreach (var path in new[] { $"{balki.Path}/v/99", $"{balki.Path}/v/0", "/claims/999999/no-such-claim/v/1" })
        {
            using var missing = await Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Contains("not found", await missing.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        using var moved = await Client.GetAsync(new Uri($"/claims/{balki.Id}/an-old-headline/v/1?utm_source=x", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"{balki.Path}/v/1", moved.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_retracted_claims_version_is_gone_with_the_notice_above_what_was_cited_and_a_merged_ones_links_its_survivor()
    {
        var retracted = await DeskClaims.CreateUnratedAsync(app, "versions-retracted");
        var survivor = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var merged = await DeskClaims.CreateUnratedAsync(app, "versions-merged");
        await app.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == retracted.Id);
            claim.RetractedAtUtc = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
            claim.RetractionReason = "The statement was made by someone else.";
            claim.RetractedBy = "versions-chief@example.com";
            var duplicate = await db.Claims.SingleAsync(c => c.Id == merged.Id);
            duplicate.MergedIntoId = survivor.Id;
            duplicate.MergedAtUtc = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });

        using var gone = await Client.GetAsync(new Uri($"{retracted.Path}/v/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var page = Html.Parse(await gone.Content.ReadAsStringAsync());
        var notice = page.QuerySelector("[role=note]")!.TextContent;
        Assert.Contains("This claim has been retracted", notice, StringComparison.Ordinal);
        Assert.Contains("2 November 2026", notice, StringComparison.Ordinal);
        Assert.Contains("The statement was made by someone else.", notice, StringComparison.Ordinal);
        Assert.Contains("No former official has come to any harm", page.QuerySelector(".statement")?.TextContent, StringComparison.Ordinal);

        var mergedPage = await GetPageAsync($"{merged.Path}/v/1");
        Assert.Contains(mergedPage.QuerySelectorAll("[role=note] a"), a => a.GetAttribute("href") == survivor.Path);
        Assert.Equal("Merged into another claim", await app.QueryAsync(db => db.ClaimVersions.Where(v => v.ClaimId == merged.Id && v.Number == 2).Select(v => v.Reason).SingleAsync()));
    }

    [Fact]
    public async Task Versions_cannot_be_changed_or_deleted_through_the_context()
    {
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => app.QueryAsync(async db =>
        {
            var version = await db.ClaimVersions.FirstAsync();
            version.Reason = "rewritten";
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);

        var deleted = await Assert.ThrowsAsync<InvalidOperationException>(() => app.QueryAsync(async db =>
        {
            db.ClaimVersions.Remove(await db.ClaimVersions.FirstAsync());
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("append-only", deleted.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.QueryAsync(db => db.ClaimVersions.Select(v => v.Reason).Distinct().ToListAsync()), r => r == "rewritten");
    }

    [Fact]
    public async Task A_claim_bulk_loaded_without_a_version_gets_version_one_once()
    {
        var claim = await DeskClaims.CreateUnratedAsync(app, "versions-backfill");

        // What a database from before versions, or the benchmark generator's raw inserts, look like.
        await app.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"ClaimVersions\" WHERE \"ClaimId\" = {claim.Id}"));
        Assert.Empty(await NumbersAsync(claim.Id));

        var first = await app.QueryAsync(db => ClaimVersionWriter.RecordFirstVersionsAsync(db));
        var second = await app.QueryAsync(db => ClaimVersionWriter.RecordFirstVersionsAsync(db));

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var version = await app.QueryAsync(db => db.ClaimVersions.AsNoTracking().SingleAsync(v => v.ClaimId == claim.Id));
        Assert.Equal(1, version.Number);
        Assert.Equal(ClaimVersionWriter.RecordedLater, version.Reason);
        Assert.Equal(claim.Slug, ClaimVersionSnapshot.FromJson(version.Snapshot).Slug);
    }

    private async Task PublishAsync(TestClaim claim, VerdictDraftInput input)
    {
        var submitted = await ApplyAsync(claim, DeskAction.SubmitForReview, input, null, Editor);
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        Assert.Equal(DeskOutcomeKind.Saved, (await ApplyAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, Chief)).Kind);
    }

    private Task<List<int>> NumbersAsync(int claimId) =>
        app.QueryAsync(db => db.ClaimVersions.Where(v => v.ClaimId == claimId).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync());

    private static VerdictDraftInput Input(TestClaim claim, string rating, string headline, string correctionNote = "") => new()
    {
        Rating = rating,
        Headline = headline,
        ClaimReviewed = "Nobody who served the old government has been harmed",
        Rationale = "Human Rights Watch documented **killings** of former officials.",
        EvidenceIds = [claim.ContradictingEvidenceId],
        CorrectionNote = correctionNote,
    };

    private async Task<DeskOutcome> ApplyAsync(TestClaim claim, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(claim.Id, action, input, baseVersion, user);
    }

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.Name, email), new System.Security.Claims.Claim(ClaimTypes.Role, role)], "test"));
}
