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
        builder.HasIndex(v => new { v.ClaimId, v.Status });
        builder.HasIndex(v => v.PublishedAtUtc);

        // A published verdict says when: the current-verdict rule and the feed order by it.
        builder.ToTable(t => t.HasCheckConstraint("CK_Verdicts_PublishedHasDate", "\"Status\" <> 'Published' OR \"PublishedAtUtc\" IS NOT NULL"));
    }
}
