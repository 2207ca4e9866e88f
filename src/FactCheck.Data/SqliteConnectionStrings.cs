using Microsoft.Data.Sqlite;

namespace FactCheck.Data;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// A connection string for a database file, relative paths taken from <paramref name="baseDirectory"/>
    /// (not the process's working directory, which differs between `dotnet run`, tests and services).
    /// The folder is created so that first start needs no set-up.
    /// </summary>
    public static string ForFile(string baseDirectory, string path)
    {
        var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, path));
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true }.ToString();
    }
}
