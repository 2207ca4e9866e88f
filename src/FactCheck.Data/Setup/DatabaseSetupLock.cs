using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FactCheck.Data.Setup;

/// <summary>
/// Held by whichever process migrates or imports into an embedded SQLite database: an exclusive lock on a
/// file beside it (factcheck.db.lock). The operating system releases it when the process ends, however it
/// ends, so unlike EF Core's lock row a killed process can never leave it behind; and while a process holds
/// it, no migration of ours runs anywhere else, so a row left in __EFMigrationsLock is known to be stale.
/// On PostgreSQL, shared by instances on several machines, it is a session advisory lock instead, held on a
/// connection of its own: the server releases it when that connection ends, so a killed instance leaves
/// nothing behind there either.
/// See docs/decisions/startup-recovery.md.
/// </summary>
public sealed class DatabaseSetupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key, the same in every instance: "FactChek" in ASCII.</summary>
    public const long PostgresLockKey = 0x46616374436865_6B;

    /// <summary>The advisory lock around making the first Data Protection key: "FactKeys" in ASCII.</summary>
    public const long PostgresKeyRingLockKey = 0x466163744B657973;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IAsyncDisposable? _held;

    private DatabaseSetupLock(IAsyncDisposable? held) => _held = held;

    /// <summary>For a database that lives in memory, where no other process can see it.</summary>
    public static DatabaseSetupLock None { get; } = new(null);

    /// <summary>
    /// Takes the lock, waiting at most <paramref name="timeout"/> for a process that holds it, and says in the
    /// log who it waits for. Past the wait it throws <see cref="DatabaseSetupException"/> naming the holder:
    /// a clear failure instead of a start-up that hangs.
    /// </summary>
    public static async Task<DatabaseSetupLock> AcquireAsync(string lockPath, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        var announced = false;
        while (true)
        {
            if (TryOpenExclusive(lockPath) is { } file)
            {
                if (announced)
                {
                    logger.LogInformation("Database set-up lock {LockPath} acquired after {Waited:0.0} s", lockPath, waited.Elapsed.TotalSeconds);
                }

                return new DatabaseSetupLock(file);
            }

            if (waited.Elapsed >= timeout)
            {
                // The lock file cannot be read while it is held, so the holder is found with `fuser`.
                var seconds = timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                throw new DatabaseSetupException(
                    $"Another process has been migrating or importing into the database for more than {seconds} s (`fuser {lockPath}` names it). " +
                    "Wait for it to finish or stop it; Database:SetupLockTimeoutSeconds sets how long to wait.");
            }

            if (!announced)
            {
                logger.LogWarning(
                    "Waiting up to {Timeout:0} s for another process that is migrating or importing into the database (lock file {LockPath})",
                    timeout.TotalSeconds, lockPath);
                announced = true;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Takes PostgreSQL's advisory lock for set-up, waiting at most <paramref name="timeout"/> for an instance
    /// that holds it; past the wait, a <see cref="DatabaseSetupException"/> that names the holder's pid.
    /// </summary>
    public static async Task<DatabaseSetupLock> AcquirePostgresAsync(
        string connectionString, TimeSpan timeout, ILogger logger, long lockKey = PostgresLockKey, CancellationToken cancellationToken = default)
    {
        // No pooling: closing this connection must end the server session, which is what releases the lock.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Enlist = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var waited = Stopwatch.StartNew();
            var announced = false;
            while (!await TryAdvisoryLockAsync(connection, lockKey, cancellationToken))
            {
                if (waited.Elapsed >= timeout)
                {
                    var seconds = timeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                    throw new DatabaseSetupException(
                        $"Another instance (server process {await HolderPidAsync(connection, lockKey, cancellationToken)}) has been migrating or importing into the database for more than {seconds} s. " +
                        "Wait for it to finish or stop it; Database:SetupLockTimeoutSeconds sets how long to wait.");
                }

                if (!announced)
                {
                    logger.LogWarning("Waiting up to {Timeout:0} s for another instance that is migrating or importing into the database (advisory lock {LockKey})",
                        timeout.TotalSeconds, lockKey);
                    announced = true;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }

            if (announced)
            {
                logger.LogInformation("Database set-up lock acquired after {Waited:0.0} s", waited.Elapsed.TotalSeconds);
            }

            return new DatabaseSetupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A lock file stays: deleting it while another process opens it would let two processes lock two files.
        if (_held is not null)
        {
            await _held.DisposeAsync();
        }
    }

    private static async Task<bool> TryAdvisoryLockAsync(NpgsqlConnection connection, long lockKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", lockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<string> HolderPidAsync(NpgsqlConnection connection, long lockKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = @key LIMIT 1", connection);
        command.Parameters.AddWithValue("key", lockKey);
        return (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "unknown";
    }

    // FileShare.None is an exclusive flock() on Unix and a sharing lock on Windows; both end with the process.
    private static FileStream? TryOpenExclusive(string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (HeldByAnother(ex))
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A missing folder or a read-only disk is not worth waiting for.
            throw new DatabaseSetupException($"The database's lock file {lockPath} cannot be created: {ex.Message}", ex);
        }
    }

    // EWOULDBLOCK from flock on Unix; ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION on Windows.
    private static bool HeldByAnother(IOException ex) =>
        ex.GetType() == typeof(IOException) && ex.HResult is 11 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
