using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Infrastructure;

/// <param name="ContradictingEvidenceId">Evidence that contradicts the claim; <paramref name="SupportingEvidenceId"/> supports it.</param>
public sealed record TestClaim(int Id, string Slug, int ContradictingEvidenceId, int SupportingEvidenceId)
{
    public string Path => $"/claims/{Id}/{Slug}";

    public string VerdictPath => $"/editor/claims/{Id}/verdict";
}

/// <summary>
/// A fresh claim with no verdict, for desk tests that publish: the seeded claims' verdicts are what the
/// reader tests check, and they share a site. It reuses the Balki claim's claimant and passages.
/// </summary>
public static class DeskClaims
{
    public static Task<TestClaim> CreateUnratedAsync(FactCheckAppFactory app, string slug) => app.QueryAsync(async db =>
    {
        var balki = await db.Claims.Include(c => c.Evidence).Include(c => c.Appearances)
            .SingleAsync(c => c.Key == SeededClaims.BalkiKey);
        var claim = new Claim
        {
            Key = $"desk-test-{slug}",
            Slug = slug,
            // Worded apart from the archive ("amnesty", "Taliban"): the browser tests share one site, and a
            // short claim full of the reader tests' search words would outrank the claims they look for.
            Quote = "No former official has come to any harm, the desk test says.",
            Summary = $"Desk test {slug}: no former official came to harm.",
            ClaimantId = balki.ClaimantId,
            SaidOn = ReportedDate.Day(2021, 12, 6),
            CreatedAtUtc = DateTime.UtcNow,
        };
        claim.Appearances.Add(new ClaimAppearance { PassageId = balki.Appearances[0].PassageId });
        var contradicting = new Evidence
        {
            PassageId = balki.Evidence[0].PassageId,
            Stance = Stance.Contradicts,
            Organization = "Human Rights Watch",
            Note = "Documents killings of former security force members.",
            FoundOn = ReportedDate.Month(2021, 11),
        };
        var supporting = new Evidence
        {
            PassageId = balki.Evidence[1].PassageId,
            Stance = Stance.Supports,
            Organization = "Test Desk",
            Note = "A passage read as support, for the desk tests.",
            FoundOn = ReportedDate.Month(2021, 12),
        };
        claim.Evidence.AddRange([contradicting, supporting]);
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return new TestClaim(claim.Id, claim.Slug, contradicting.Id, supporting.Id);
    });
}
