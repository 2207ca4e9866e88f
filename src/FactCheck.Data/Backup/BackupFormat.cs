namespace FactCheck.Data.Backup;

/// <summary>
/// The backup file: one JSON object, its header properties before "tables" so a restore can refuse a wrong file
/// before it touches a database.
/// <code>
/// {"format":"factcheck-backup","version":1,"createdAtUtc":"…","schema":"&lt;latest migration id&gt;","includesSecrets":false,
///  "sequences":{"Claims":120,…},
///  "tables":{"Claimants":{"columns":["Id",…],"rows":[[1,…],…]},…}}
/// </code>
/// Tables come in foreign-key order; rows in primary-key order. See docs/backup.md.
/// </summary>
public static class BackupFormat
{
    public const string Name = "factcheck-backup";

    /// <summary>Moves on when the file's layout changes; the schema id says which tables and columns it holds.</summary>
    public const int Version = 1;
}

/// <summary>What a backup's header says, and how many rows each table held.</summary>
public sealed record BackupHeader(string Format, int Version, DateTime CreatedAtUtc, string Schema, bool IncludesSecrets, IReadOnlyDictionary<string, long> Sequences);

/// <summary>What a backup or restore wrote: rows per table, in the order written.</summary>
public sealed record BackupSummary(string Schema, IReadOnlyList<KeyValuePair<string, long>> Tables)
{
    public long Rows => Tables.Sum(t => t.Value);
}
