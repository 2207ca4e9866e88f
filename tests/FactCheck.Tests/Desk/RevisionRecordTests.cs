using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using FactCheck.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Desk;

/// <summary>
/// Every change to a claim, verdict, evidence item or source leaves an immutable revision, written in the
/// same save; a verdict's version token makes the later of two saves fail instead of overwriting.
/// </summary>
[Trait("Database", "Both")]
public class RevisionRecordTests(RevisionRecordTests.WritableApp app) : WebTestBase(app), IClassFixture<RevisionRecordTests.WritableApp>
{
    public sealed class WritableApp : FactCheckAppFactory;

    [Fact]
    public async Task The_archive_import_is_revision_one_of_every_claim_and_source()
    {
        var counts = await App.QueryAsync(async db => new
        {
            Claims = await db.Claims.CountAsync(),
            Sources = await db.Sources.CountAsync(),
            ClaimRevisions = await db.Revisions.CountAsync(r => r.EntityType == RevisionSubjects.Claim && r.Number == 1 && r.Author == "archive import"),
            SourceRevisions = await db.Revisions.CountAsync(r => r.EntityType == RevisionSubjects.Source && r.Number == 1),
        });

        Assert.True(counts.Claims > 0);
        Assert.Equal(counts.Claims, counts.ClaimRevisions);
        Assert.Equal(counts.Sources, counts.SourceRevisions);
    }

    [Fact]
    public async Task An_edit_is_a_new_numbered_revision_naming_its_author_reason_and_changed_field()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        await App.QueryAsync(async db =>
        {
            var claim = await db.Claims.SingleAsync(c => c.Id == balki.Id);
            claim.SaidWhere = "Kabul, press conference (revision test)";
            db.Attribution = new ChangeAttribution("editor@example.org", "Venue confirmed from video");
            return await db.SaveChangesAsync();
        });

        var revisions = await App.QueryAsync(db => db.Revisions
            .Where(r => r.EntityType == RevisionSubjects.Claim && r.EntityId == balki.Id)
            .OrderBy(r => r.Number).ToListAsync());

        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        var edit = revisions[1];
        Assert.Equal(RevisionAction.Updated, edit.Action);
        Assert.Equal("SaidWhere", edit.ChangedFields);
        Assert.Equal("editor@example.org", edit.Author);
        Assert.Equal("Venue confirmed from video", edit.Reason);
        Assert.Contains("Kabul, press conference (revision test)", edit.Snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("revision test", revisions[0].Snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revisions_cannot_be_changed_or_deleted_through_the_context()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => App.QueryAsync(async db =>
        {
            var revision = await db.Revisions.FirstAsync();
            revision.Author = "someone else";
            return await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await App.QueryAsync(db => db.Revisions.Select(r => r.Author).Distinct().ToListAsync()), a => a == "someone else");
    }

    [Fact]
    public async Task The_later_of_two_saves_of_one_verdict_fails_and_the_first_is_kept()
    {
        var balki = await SeededClaims.LoadAsync(App, SeededClaims.BalkiKey);
        var verdictId = await App.QueryAsync(db => db.Verdicts.Where(v => v.ClaimId == balki.Id).Select(v => v.Id).FirstAsync());

        await App.QueryAsync(async first =>
        {
            var mine = await first.Verdicts.SingleAsync(v => v.Id == verdictId);
            await App.QueryAsync(async second =>
            {
                var theirs = await second.Verdicts.SingleAsync(v => v.Id == verdictId);
                theirs.Headline = "Their headline";
                return await second.SaveChangesAsync();
            });

            mine.Headline = "My headline";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
            return 0;
        });

        var stored = await App.QueryAsync(db => db.Verdicts.SingleAsync(v => v.Id == verdictId));
        Assert.Equal("Their headline", stored.Headline);
        var headlines = await App.QueryAsync(db => db.Revisions
            .Where(r => r.EntityType == RevisionSubjects.Verdict && r.EntityId == verdictId && r.Action == RevisionAction.Updated)
            .Select(r => r.Snapshot).ToListAsync());
        Assert.Single(headlines);
        Assert.Contains("Their headline", headlines[0], StringComparison.Ordinal);
    }
}
