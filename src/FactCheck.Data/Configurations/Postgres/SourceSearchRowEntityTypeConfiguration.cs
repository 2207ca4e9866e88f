using FactCheck.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations.Postgres;

internal sealed class SourceSearchRowEntityTypeConfiguration : IEntityTypeConfiguration<SourceSearchRow>
{
    public void Configure(EntityTypeBuilder<SourceSearchRow> builder)
    {
        builder.ToTable("SourceSearch");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SearchVector)
            .HasComputedColumnSql(SearchRowWeights.Vector(("Title", 'A'), ("Publisher", 'C'), ("Text", 'D')), stored: true);
        builder.HasIndex(r => r.SearchVector).HasMethod("GIN");
    }
}
