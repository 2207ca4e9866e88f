namespace FactCheck.Data.Setup;

/// <summary>The database cannot be made ready (migrated, imported) now; the message says why and what to do.</summary>
public sealed class DatabaseSetupException : Exception
{
    public DatabaseSetupException()
    {
    }

    public DatabaseSetupException(string message)
        : base(message)
    {
    }

    public DatabaseSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
