using FactCheck.CrashRecovery;
using Microsoft.Data.Sqlite;

namespace FactCheck.Tests.Accounts;

/// <summary>`users add` as a script runs it: the real process, the password piped on standard input.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly CrashHarness _harness = new();

    public static TheoryData<string, string> RefusedPasswords => new()
    {
        { "short", "at least 12 characters" },
        { "Scandinavian", "common breached passwords" },
        { new string('x', 129), "at most 128 characters" },
    };

    [Theory]
    [MemberData(nameof(RefusedPasswords))]
    public async Task WeakPasswordIsRefusedWithOneLine(string password, string reason)
    {
        var path = _harness.NewDatabasePath("weak");
        var result = await _harness.RunWithInputAsync(path, password + "\n", "users", "add", "someone@example.com", "--role", "editor");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("factcheck: someone@example.com not added:", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Equal(0, CountUsers(path));
    }

    [Fact]
    public async Task GoodPasswordAddsTheAccountWithItsRole()
    {
        var path = _harness.NewDatabasePath("good");
        var result = await _harness.RunWithInputAsync(path, "correct horse battery staple\n", "users", "add", "chief@example.com", "--role", "chief-editor");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("", result.Errors);
        Assert.Equal(1, CountUsers(path, "chief-editor"));
    }

    [Fact]
    public async Task UnknownRoleIsAUsageError()
    {
        var result = await _harness.RunWithInputAsync(_harness.NewDatabasePath("role"), "correct horse battery staple\n", "users", "add", "x@example.com", "--role", "admin");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("factcheck: --role must be editor or chief-editor, not 'admin'", result.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => _harness.Dispose();

    private static long CountUsers(string databasePath, string? role = null)
    {
        if (!File.Exists(databasePath))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = role is null
            ? "SELECT COUNT(*) FROM AspNetUsers"
            : "SELECT COUNT(*) FROM AspNetUsers u JOIN AspNetUserRoles ur ON ur.UserId = u.Id JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = $role";
        command.Parameters.AddWithValue("$role", role ?? "");
        return (long)command.ExecuteScalar()!;
    }
}
