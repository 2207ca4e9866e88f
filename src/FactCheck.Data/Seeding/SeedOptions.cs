namespace FactCheck.Data.Seeding;

public sealed class SeedOptions
{
    public const string ArchiveFileName = "archive.json";

    /// <summary>The folder holding archive.json and the documents it names.</summary>
    public required string Directory { get; init; }

    public bool ImportOnEmptyDatabase { get; init; } = true;
}
