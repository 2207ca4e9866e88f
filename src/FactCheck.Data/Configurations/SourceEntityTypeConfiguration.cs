using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class SourceEntityTypeConfiguration : IEntityTypeConfiguration<Source>
{
    public void Configure(EntityTypeBuilder<Source> builder)
    {
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Slug).HasMaxLength(200);
        builder.Property(s => s.Title).HasMaxLength(500);
        builder.Property(s => s.Publisher).HasMaxLength(200);
        builder.Property(s => s.Author).HasMaxLength(200);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.OriginalUrl).HasMaxLength(2000);
        builder.Property(s => s.ArchiveUrl).HasMaxLength(2000);
        builder.Property(s => s.Language).HasMaxLength(35);
        builder.Property(s => s.AttributionNote).HasMaxLength(1000);
        builder.Property(s => s.ContentHash).HasMaxLength(64).IsFixedLength();
        builder.ComplexProperty(s => s.PublishedOn, d => ReportedDateMapping.Map(d, "PublishedOn"));
        builder.HasMany(s => s.Passages).WithOne(p => p.Source).HasForeignKey(p => p.SourceId);
    }
}
