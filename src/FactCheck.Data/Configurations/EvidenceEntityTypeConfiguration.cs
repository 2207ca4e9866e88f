using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class EvidenceEntityTypeConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("Evidence");
        builder.HasIndex(e => new { e.ClaimId, e.PassageId }).IsUnique();
        builder.Property(e => e.Stance).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.Property(e => e.Organization).HasMaxLength(200);
        builder.ComplexProperty(e => e.FoundOn, d => ReportedDateMapping.Map(d, "FoundOn"));
        builder.HasOne(e => e.Passage).WithMany().HasForeignKey(e => e.PassageId).OnDelete(DeleteBehavior.Restrict);
    }
}
