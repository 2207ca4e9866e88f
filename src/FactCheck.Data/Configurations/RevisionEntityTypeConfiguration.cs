using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class RevisionEntityTypeConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.Property(r => r.EntityType).HasMaxLength(32);
        builder.Property(r => r.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ChangedFields).HasMaxLength(1000);
        builder.Property(r => r.Author).HasMaxLength(256);
        builder.Property(r => r.Reason).HasMaxLength(2000);

        // Numbers are per entity and never reused: two saves racing for the same number fail, not merge.
        builder.HasIndex(r => new { r.EntityType, r.EntityId, r.Number }).IsUnique();
        builder.HasIndex(r => r.CreatedAtUtc);
    }
}
