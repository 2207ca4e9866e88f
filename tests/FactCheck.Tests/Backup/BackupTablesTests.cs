using FactCheck.Data;
using FactCheck.Data.Backup;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Backup;

/// <summary>The tables a backup holds come from the model: none is left out, and principals come before dependents.</summary>
public sealed class BackupTablesTests
{
    [Fact]
    public void Every_table_the_model_maps_is_backed_up_once_after_the_tables_it_refers_to()
    {
        using var db = new FactCheckDbContext(new DbContextOptionsBuilder<FactCheckDbContext>().UseSqlite("Data Source=:memory:").Options);

        var tables = BackupTable.FromModel(db.Model);
        var relational = db.Model.GetRelationalModel();

        // Eviction notices are messages between running instances, not archive, and the claims' listings are
        // derived from the claims and rebuilt by the restore: the two tables left out.
        Assert.Equal(relational.Tables.Select(t => t.Name).Where(n => n is not "CacheEvictions" and not "ClaimListings" and not "SimilarClaimSets" and not "SimilarClaimSuggestions").Order(StringComparer.Ordinal), tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Subset(tables.Select(t => t.Name).ToHashSet(), new HashSet<string>
        {
            "Sources", "Passages", "Claimants", "Topics", "Claims", "ClaimTopics", "ClaimAppearances", "Evidence",
            "Verdicts", "VerdictEvidence", "Revisions", "ClaimVersions", "AuditLog", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
        });
        var position = tables.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var table in relational.Tables.Where(t => position.ContainsKey(t.Name)))
        {
            // A row may refer to another of its own table (a merged claim to its survivor); the restore defers those checks.
            foreach (var foreignKey in table.ForeignKeyConstraints.Where(fk => fk.PrincipalTable != table))
            {
                Assert.True(position[foreignKey.PrincipalTable.Name] < position[table.Name], $"{foreignKey.PrincipalTable.Name} must come before {table.Name}");
            }
        }
    }

    [Fact]
    public void A_complex_property_is_backed_up_as_its_columns_and_only_the_password_hash_stamp_tokens_and_key_ring_are_secret()
    {
        using var db = new FactCheckDbContext(new DbContextOptionsBuilder<FactCheckDbContext>().UseSqlite("Data Source=:memory:").Options);

        var tables = BackupTable.FromModel(db.Model).ToDictionary(t => t.Name);

        Assert.Contains(tables["Claims"].Columns, c => c.Name == "SaidOnPrecision");
        Assert.Equal(["Id"], tables["Claims"].PrimaryKey);
        Assert.Equal(["PasswordHash", "SecurityStamp"], tables["AspNetUsers"].Columns.Where(c => c.IsSecret).Select(c => c.Name));
        Assert.Equal(["AspNetUserTokens", "DataProtectionKeys"], tables.Values.Where(t => t.IsSecret).Select(t => t.Name).Order(StringComparer.Ordinal));
    }
}
