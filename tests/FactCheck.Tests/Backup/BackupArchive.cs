using FactCheck.CrashRecovery;

namespace FactCheck.Tests.Backup;

/// <summary>
/// The seed archive with some desk activity (an account added with its role, which also writes an audit line; the
/// import's own revisions), and its backups with and without secrets: made once by the real application, since
/// seeding takes seconds, and only read by the tests.
/// </summary>
public sealed class BackupArchive : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    public CrashHarness Harness { get; } = new();

    public string DatabasePath { get; private set; } = "";

    public string BackupPath { get; private set; } = "";

    public string SecretsBackupPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        DatabasePath = Harness.NewDatabasePath("original");
        BackupPath = Path.Combine(Harness.Directory, "backup.json");
        SecretsBackupPath = Path.Combine(Harness.Directory, "backup-with-secrets.json");

        Succeeded(await Harness.RunAsync(DatabasePath, "seed"), "seed");
        Succeeded(await Harness.RunWithInputAsync(DatabasePath, Password + "\n", "users", "add", "chief@example.com", "--role", "chief-editor"), "users add");
        Succeeded(await Harness.RunWithInputAsync(DatabasePath, Password + "\n", "users", "add", "editor@example.com", "--role", "editor"), "users add");
        Succeeded(await Harness.RunAsync(DatabasePath, "backup", BackupPath), "backup");
        Succeeded(await Harness.RunAsync(DatabasePath, "backup", SecretsBackupPath, "--include-secrets"), "backup --include-secrets");
    }

    public Task DisposeAsync()
    {
        Harness.Dispose();
        return Task.CompletedTask;
    }

    public static void Succeeded(ChildResult result, string what) =>
        Assert.True(result.ExitCode == 0, $"{what} exited with {result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a hang"}:\n{result.Output}");
}
