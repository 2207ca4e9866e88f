using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class CacheEvictionEntityTypeConfiguration : IEntityTypeConfiguration<CacheEviction>
{
    public void Configure(EntityTypeBuilder<CacheEviction> builder)
    {
        builder.Property(e => e.Tags).HasMaxLength(8000);
        builder.Property(e => e.Origin).HasMaxLength(64);
        builder.HasIndex(e => e.CreatedAtUtc);
    }
}
