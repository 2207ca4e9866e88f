using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class ClaimVersionEntityTypeConfiguration : IEntityTypeConfiguration<ClaimVersion>
{
    public void Configure(EntityTypeBuilder<ClaimVersion> builder)
    {
        builder.Property(v => v.Author).HasMaxLength(256);
        builder.Property(v => v.Reason).HasMaxLength(2000);

        // Numbers are per claim and never reused: two saves racing for the same number fail, not merge.
        builder.HasIndex(v => new { v.ClaimId, v.Number }).IsUnique();
        builder.HasOne(v => v.Claim).WithMany().HasForeignKey(v => v.ClaimId).OnDelete(DeleteBehavior.Restrict);
    }
}
