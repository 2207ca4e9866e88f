using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class SimilarClaimSetEntityTypeConfiguration : IEntityTypeConfiguration<SimilarClaimSet>
{
    public void Configure(EntityTypeBuilder<SimilarClaimSet> builder)
    {
        builder.HasKey(s => s.ClaimId);
        builder.Property(s => s.ClaimId).ValueGeneratedNever();
        builder.HasOne<Claim>().WithOne().HasForeignKey<SimilarClaimSet>(s => s.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Suggestions).WithOne().HasForeignKey(s => s.ClaimId).OnDelete(DeleteBehavior.Cascade);

        // The refresher's queue: the stale sets, oldest first, without reading the fresh ones.
        builder.HasIndex(s => new { s.IsStale, s.ComputedAtUtc });
    }
}
