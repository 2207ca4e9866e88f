using System.Security.Claims;
using FactCheck.Data;
using FactCheck.Data.Identity;
using FactCheck.Data.Versions;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Claims;

/// <summary>
/// Every published state of a claim page is kept as a numbered version, written by the save that made it:
/// the archive import is version 1, a published verdict the next one, a draft none.
/// </summary>
public sealed class ClaimVersionTests(DeskAppFactory app) : IClassFixture<DeskAppFactory>
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
