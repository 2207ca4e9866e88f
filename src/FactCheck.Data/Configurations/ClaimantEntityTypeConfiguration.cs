using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class ClaimantEntityTypeConfiguration : IEntityTypeConfiguration<Claimant>
{
    public void Configure(EntityTypeBuilder<Claimant> builder)
    {
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Slug).HasMaxLength(200);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Role).HasMaxLength(200);
        builder.Property(c => c.Affiliation).HasMaxLength(200);

        // The filter forms offer the most prolific claimants first: the top of this index, not a count per claimant.
        builder.HasIndex(c => new { c.ListedClaimCount, c.Name }).IsDescending(true, false);
    }
}
