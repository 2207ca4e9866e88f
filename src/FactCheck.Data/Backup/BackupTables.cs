using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactCheck.Data.Backup;

/// <summary>
/// The tables a backup holds, read from the EF model's relational mapping rather than listed by hand, so an entity
/// added later (a shared-type join table, a complex or owned type's columns included) is backed up without anyone
/// remembering to. Tables outside the model are derived or belong to the tools: the full-text index (rebuilt on
/// restore), __EFMigrationsHistory and the migration lock.
/// </summary>
public sealed class BackupTable(string name, string? schema, IReadOnlyList<BackupColumn> columns, IReadOnlyList<string> primaryKey, bool isSecret)
{
    public string Name { get; } = name;

    public string? Schema { get; } = schema;

    public IReadOnlyList<BackupColumn> Columns { get; } = columns;

    public IReadOnlyList<string> PrimaryKey { get; } = primaryKey;

    /// <summary>The whole table is a secret (Identity's user tokens: authenticator keys, recovery codes).</summary>
    public bool IsSecret { get; } = isSecret;

    // PostgreSQL's full-text rows are derived, like SQLite's FTS5 tables (which are outside the model), and so are
    // the claims' listings (the restore rebuilds them) and similar-claim sets (computed again when pages ask), so a
    // file made on either provider has the same tables. Cache-eviction notices are messages
    // between running instances, worthless a minute later and never part of the archive.
    private static readonly HashSet<Type> DerivedSearchRows =
        [typeof(Search.ClaimSearchRow), typeof(Search.EvidenceSearchRow), typeof(Search.SourceSearchRow), typeof(Entities.ClaimListing), typeof(Entities.SimilarClaimSet), typeof(Entities.SimilarClaimSuggestion), typeof(Entities.CacheEviction)];

    /// <summary>
    /// Every table of the model, principals before their dependents (foreign-key order), so a restore that inserts
    /// in this order never needs a constraint deferred; ties are broken by name for a stable file.
    /// </summary>
    public static IReadOnlyList<BackupTable> FromModel(IModel model)
    {
        var tables = model.GetRelationalModel().Tables
            .Where(t => !t.EntityTypeMappings.Any(m => DerivedSearchRows.Contains(m.TypeBase.ClrType)))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var ordered = new List<ITable>();
        var placed = new HashSet<ITable>();
        while (placed.Count < tables.Count)
        {
            var ready = tables.FirstOrDefault(t => !placed.Contains(t)
                && t.ForeignKeyConstraints.All(fk => fk.PrincipalTable == t || placed.Contains(fk.PrincipalTable)))
                ?? throw new InvalidOperationException("The model's foreign keys form a cycle between tables; a backup cannot order them.");
            ordered.Add(ready);
            placed.Add(ready);
        }

        return ordered.Select(From).ToList();
    }

    private static BackupTable From(ITable table)
    {
        var key = table.PrimaryKey?.Columns.Select(c => c.Name).ToList()
            ?? throw new InvalidOperationException($"Table {table.Name} has no primary key; a backup cannot restore its rows exactly.");

        // The key first, then by name: the runtime model keeps no column order, and the file should not depend on one.
        var columns = table.Columns
            .OrderBy(c => key.IndexOf(c.Name) is var k && k >= 0 ? k : int.MaxValue)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new BackupColumn(c, IsSecretColumn(c)))
            .ToList();
        // The Data Protection key ring signs every cookie and antiforgery token: a secret like authenticator keys.
        var isSecret = table.EntityTypeMappings.Any(m => m.TypeBase.ClrType == typeof(IdentityUserToken<string>)
            || m.TypeBase.ClrType == typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey));
        return new BackupTable(table.Name, table.Schema, columns, key, isSecret);
    }

    // What signs a user in, or lets a stolen backup do so: the password hash and the security stamp that cookies
    // and tokens are checked against. Not the concurrency stamp, which only guards edits.
    private static bool IsSecretColumn(IColumn column) =>
        column.PropertyMappings.Any(m => m.Property.DeclaringType.ClrType.IsAssignableTo(typeof(IdentityUser<string>))
            && m.Property.Name is nameof(IdentityUser.PasswordHash) or nameof(IdentityUser.SecurityStamp));
}

/// <summary>One column: its name and the model's type mapping, which reads and writes its values on any provider.</summary>
public sealed class BackupColumn(IColumn column, bool isSecret)
{
    public string Name { get; } = column.Name;

    public bool IsNullable { get; } = column.IsNullable;

    public bool IsSecret { get; } = isSecret;

    /// <summary>The mapping of the first property stored in this column (table splitting maps several to one).</summary>
    public RelationalTypeMapping TypeMapping { get; } = column.PropertyMappings[0].TypeMapping;

    /// <summary>The type the provider reads and writes (a string for an enum stored by name).</summary>
    public Type ProviderType { get; } = column.ProviderClrType;
}

/// <summary>Table and column names quoted as the provider quotes them.</summary>
internal static class BackupSql
{
    public static string Table(ISqlGenerationHelper sql, BackupTable table) => sql.DelimitIdentifier(table.Name, table.Schema);

    public static string Columns(ISqlGenerationHelper sql, IEnumerable<string> names) => string.Join(", ", names.Select(n => sql.DelimitIdentifier(n)));

    public static ISqlGenerationHelper Helper(DbContext db) => db.GetService<ISqlGenerationHelper>();
}
