using FactCheck.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations.Postgres;

internal sealed class EvidenceSearchRowEntityTypeConfiguration : IEntityTypeConfiguration<EvidenceSearchRow>
{
    public void Configure(EntityTypeBuilder<EvidenceSearchRow> builder)
    {
        builder.ToTable("EvidenceSearch");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SearchVector)
            .HasComputedColumnSql(SearchRowWeights.Vector(("Exact", 'A'), ("Note", 'B'), ("Organization", 'C')), stored: true);
        builder.HasIndex(r => r.SearchVector).HasMethod("GIN");
    }
}
