using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class SimilarClaimSuggestionEntityTypeConfiguration : IEntityTypeConfiguration<SimilarClaimSuggestion>
{
    public void Configure(EntityTypeBuilder<SimilarClaimSuggestion> builder)
    {
        builder.HasKey(s => new { s.ClaimId, s.Rank });
        builder.Property(s => s.SharedTerms).HasMaxLength(400);
        builder.HasOne<Claim>().WithMany().HasForeignKey(s => s.SuggestedClaimId).OnDelete(DeleteBehavior.Cascade);

        // Which sets name a claim: those a change to its words or its retraction makes stale.
        builder.HasIndex(s => s.SuggestedClaimId);
    }
}
