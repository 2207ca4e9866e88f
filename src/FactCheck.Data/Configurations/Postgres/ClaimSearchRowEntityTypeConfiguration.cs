using FactCheck.Data.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations.Postgres;

internal sealed class ClaimSearchRowEntityTypeConfiguration : IEntityTypeConfiguration<ClaimSearchRow>
{
    public void Configure(EntityTypeBuilder<ClaimSearchRow> builder)
    {
        builder.ToTable("ClaimSearch");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.SearchVector)
            .HasComputedColumnSql(SearchRowWeights.Vector(("Quote", 'A'), ("Summary", 'B'), ("Claimant", 'C')), stored: true);
        builder.HasIndex(r => r.SearchVector).HasMethod("GIN");
    }
}
