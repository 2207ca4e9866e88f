using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class VerdictEntityTypeConfiguration : IEntityTypeConfiguration<Verdict>
{
    public void Configure(EntityTypeBuilder<Verdict> builder)
    {
        // Rating stays an integer so that "sort by rating" follows the scale's order on every provider.
        builder.Property(v => v.Rating);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Headline).HasMaxLength(300);
        builder.Property(v => v.RationaleMarkdown).HasMaxLength(20_000);
        builder.Property(v => v.Author).HasMaxLength(200);
        builder.ComplexProperty(v => v.AsOf, d => ReportedDateMapping.Map(d, "AsOf"));
        builder.ComplexProperty(v => v.PublishedOn, d => ReportedDateMapping.Map(d, "PublishedOn"));
        builder.HasIndex(v => new { v.ClaimId, v.Status });
        builder.HasIndex(v => v.PublishedAtUtc);
        builder.Property(v => v.UpdatedBy).HasMaxLength(256);
        builder.Property(v => v.SubmittedBy).HasMaxLength(256);
        builder.Property(v => v.ReviewComment).HasMaxLength(2000);
        builder.Property(v => v.CorrectionNote).HasMaxLength(2000);
        builder.Property(v => v.ClaimReviewed).HasMaxLength(300);

        // The application's own token: every save of a changed verdict increments it (FactCheckDbContext),
        // and EF adds "AND Version = original" to the UPDATE, so the later of two saves fails.
        builder.Property(v => v.Version).IsConcurrencyToken();

        // One working draft per claim, shared by the desk: a second "new draft" for the same claim fails
        // here even when two editors create it at the same instant.
        builder.HasIndex(v => v.ClaimId)
            .HasDatabaseName("IX_Verdicts_OneWorkingDraftPerClaim")
            .IsUnique()
            .HasFilter("\"Status\" <> 'Published'");

        builder.HasMany(v => v.Evidence).WithMany().UsingEntity<Dictionary<string, object>>(
            "VerdictEvidence",
            evidence => evidence.HasOne<Evidence>().WithMany().HasForeignKey("EvidenceId"),
            verdict => verdict.HasOne<Verdict>().WithMany().HasForeignKey("VerdictId"));

        // A published verdict says when: the current-verdict rule and the feed order by it.
        builder.ToTable(t => t.HasCheckConstraint("CK_Verdicts_PublishedHasDate", "\"Status\" <> 'Published' OR \"PublishedAtUtc\" IS NOT NULL"));
    }
}
