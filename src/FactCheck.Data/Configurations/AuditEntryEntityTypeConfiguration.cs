using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Subject).HasMaxLength(300);
        builder.Property(a => a.Detail).HasMaxLength(2000);
        builder.Property(a => a.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(a => a.AtUtc);
    }
}
