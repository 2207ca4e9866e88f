using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class ClaimAppearanceEntityTypeConfiguration : IEntityTypeConfiguration<ClaimAppearance>
{
    public void Configure(EntityTypeBuilder<ClaimAppearance> builder)
    {
        builder.HasIndex(a => new { a.ClaimId, a.PassageId }).IsUnique();
        builder.HasOne(a => a.Passage).WithMany().HasForeignKey(a => a.PassageId).OnDelete(DeleteBehavior.Restrict);
    }
}
