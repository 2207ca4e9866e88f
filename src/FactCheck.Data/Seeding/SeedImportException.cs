namespace FactCheck.Data.Seeding;

/// <summary>The archive cannot be imported as it stands; nothing was written.</summary>
public sealed class SeedImportException : Exception
{
    public SeedImportException(IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : $"{problems.Count} problems in the seed archive:{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    public SeedImportException()
        : this(["The seed archive could not be imported."])
    {
    }

    public SeedImportException(string message)
        : this([message])
    {
    }

    public SeedImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
