using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Data;

public class FactCheckDbContext(DbContextOptions<FactCheckDbContext> options) : DbContext(options)
{
    public DbSet<Source> Sources => Set<Source>();

    public DbSet<Claimant> Claimants => Set<Claimant>();

    public DbSet<Topic> Topics => Set<Topic>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<Passage> Passages => Set<Passage>();

    public DbSet<ClaimAppearance> ClaimAppearances => Set<ClaimAppearance>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<Verdict> Verdicts => Set<Verdict>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FactCheckDbContext).Assembly);
    }
}
