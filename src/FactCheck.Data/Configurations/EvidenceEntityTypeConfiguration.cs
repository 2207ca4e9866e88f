using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class EvidenceEntityTypeConfiguration : IEntityTypeConfiguration<Evidence>
{
    /// <summary>Named in SQLite's search SQL (INDEXED BY), so it is named here rather than by convention.</summary>
    public const string EvidenceClaimIndex = "IX_Evidence_Id_ClaimId";

    public void Configure(EntityTypeBuilder<Evidence> builder)
    {
        builder.ToTable("Evidence");
        builder.HasIndex(e => new { e.ClaimId, e.PassageId }).IsUnique();

        // Search filtered by a topic or a claim's fields learns each matching evidence item's claim from this index
        // instead of the wide row (SearchFilterSql): 37 against 15 ms of CPU for "amnesty" in the largest topic.
        builder.HasIndex(e => new { e.Id, e.ClaimId }).HasDatabaseName(EvidenceClaimIndex);
        builder.Property(e => e.Stance).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Note).HasMaxLength(2000);
        builder.Property(e => e.Organization).HasMaxLength(200);
        builder.ComplexProperty(e => e.FoundOn, d => ReportedDateMapping.Map(d, "FoundOn"));
        builder.HasOne(e => e.Passage).WithMany().HasForeignKey(e => e.PassageId).OnDelete(DeleteBehavior.Restrict);
    }
}
