namespace FactCheck.Data.Backup;

/// <summary>A backup or restore refused for a reason the operator can act on; the message is the one line to show.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
