namespace FactCheck.Data;

/// <summary>
/// Who makes the changes a context is about to save, and why: written into every revision the save
/// creates. Set it before saving (<see cref="FactCheckDbContext.Attribution"/>); a context that was never
/// told records <see cref="Unattributed"/>, which the history shows as such rather than guessing.
/// </summary>
public sealed record ChangeAttribution(string Author, string? Reason = null)
{
    public static ChangeAttribution Unattributed { get; } = new("unattributed");

    public static ChangeAttribution ArchiveImport { get; } = new("archive import", "Imported from the seed archive");
}
