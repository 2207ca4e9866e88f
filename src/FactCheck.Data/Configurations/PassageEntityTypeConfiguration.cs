using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class PassageEntityTypeConfiguration : IEntityTypeConfiguration<Passage>
{
    public void Configure(EntityTypeBuilder<Passage> builder)
    {
        // One row per span: an appearance and a piece of evidence quoting the same words cite one passage.
        builder.HasIndex(p => new { p.SourceId, p.Start, p.End }).IsUnique();
        builder.Property(p => p.Exact).HasMaxLength(4000);
        builder.Property(p => p.Prefix).HasMaxLength(64);
        builder.Property(p => p.Suffix).HasMaxLength(64);
        builder.ToTable(t => t.HasCheckConstraint("CK_Passages_Span", "\"Start\" >= 0 AND \"End\" > \"Start\""));
    }
}
