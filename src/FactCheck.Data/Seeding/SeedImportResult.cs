namespace FactCheck.Data.Seeding;

/// <summary>What one import did, per kind of record: how many were created and how many changed.</summary>
public sealed record SeedImportResult(IReadOnlyDictionary<string, (int Created, int Updated)> Counts)
{
    public int Created(string kind) => Counts.TryGetValue(kind, out var c) ? c.Created : 0;

    public int Updated(string kind) => Counts.TryGetValue(kind, out var c) ? c.Updated : 0;

    public int TotalCreated => Counts.Values.Sum(c => c.Created);

    public int TotalUpdated => Counts.Values.Sum(c => c.Updated);
}
