using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class ClaimListingEntityTypeConfiguration : IEntityTypeConfiguration<ClaimListing>
{
    public void Configure(EntityTypeBuilder<ClaimListing> builder)
    {
        builder.Property(l => l.SaidOnPrecision).HasConversion<string>().HasMaxLength(8);
        builder.Property(l => l.CurrentRatedBy).HasMaxLength(200);
        builder.HasOne<Claim>().WithMany().HasForeignKey(l => l.ClaimId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Topic>().WithMany().HasForeignKey(l => l.TopicId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Claimant>().WithMany().HasForeignKey(l => l.ClaimantId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_ClaimListings_OneOwner", "(\"TopicId\" IS NULL) <> (\"ClaimantId\" IS NULL)"));

        // Each page's query reads one of these in key order and never the table: the columns it needs are in the
        // key (SQLite has no INCLUDE). Timeline and record pages by date; the chart by month and precision; the
        // scorecard by rating and who rated.
        builder.HasIndex(l => new { l.TopicId, l.SaidOn, l.ClaimId, l.SaidOnPrecision });
        builder.HasIndex(l => new { l.TopicId, l.SaidMonth, l.SaidOnPrecision });
        builder.HasIndex(l => new { l.ClaimantId, l.SaidOn, l.ClaimId });
        builder.HasIndex(l => new { l.ClaimantId, l.CurrentRating, l.CurrentRatedBy });
        builder.HasIndex(l => l.ClaimId);
    }
}
