using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal sealed class ClaimEntityTypeConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Key).HasMaxLength(200);
        builder.Property(c => c.Slug).HasMaxLength(200);
        builder.Property(c => c.Quote).HasMaxLength(4000);
        builder.Property(c => c.Summary).HasMaxLength(500);
        builder.Property(c => c.CurrentRatedBy).HasMaxLength(200);
        builder.Property(c => c.SaidWhere).HasMaxLength(500);
        builder.ComplexProperty(c => c.SaidOn, d => ReportedDateMapping.Map(d, "SaidOn"));
        builder.HasOne(c => c.Claimant).WithMany(p => p.Claims).HasForeignKey(c => c.ClaimantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Topics).WithMany(t => t.Claims).UsingEntity(ClaimConfigurationNames.ClaimTopicsTable);
        builder.HasMany(c => c.Appearances).WithOne(a => a.Claim).HasForeignKey(a => a.ClaimId);
        builder.HasMany(c => c.Evidence).WithOne(e => e.Claim).HasForeignKey(e => e.ClaimId);
        builder.HasMany(c => c.Verdicts).WithOne(v => v.Claim).HasForeignKey(v => v.ClaimId);
        builder.Property(c => c.RetractionReason).HasMaxLength(2000);
        builder.Property(c => c.RetractedBy).HasMaxLength(256);
        builder.HasOne(c => c.MergedInto).WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_Claims_NotMergedIntoItself", "\"MergedIntoId\" IS NULL OR \"MergedIntoId\" <> \"Id\""));
        builder.HasIndex(c => c.ClaimantId);
        builder.HasIndex(c => c.CurrentRating);

        // Retracted and merged claims leave every public list, feed and page by default; the claim page's
        // lookup, the desk, the importer and the save pipeline opt out by name (docs/decisions/retraction-and-merge.md).
        builder.HasQueryFilter(ClaimConfigurationNames.PublishedFilter, c => c.RetractedAtUtc == null && c.MergedIntoId == null);
    }
}

public static class ClaimConfigurationNames
{
    /// <summary>The claim–topic join table, a shared-type entity with columns ClaimsId and TopicsId.</summary>
    public const string ClaimTopicsTable = "ClaimTopics";

    /// <summary>The named query filter that hides retracted and merged claims; pass it to IgnoreQueryFilters to see them.</summary>
    public const string PublishedFilter = "Published";

    /// <summary>For <c>IgnoreQueryFilters(...)</c>: only the published-claims filter, so a filter added later still applies.</summary>
    public static IReadOnlyCollection<string> AllClaims { get; } = [PublishedFilter];
}
