using System.Text;
using FactCheck.Data.Identity;
using FactCheck.Data.Setup;
using FactCheck.Web.Hosting;

namespace FactCheck.Web.Features.Account;

/// <summary>
/// `users add EMAIL --role editor|chief-editor`: adds a desk account for scripts and tests; `users role EMAIL --role
/// ...` changes an account's role (both written to the audit log); `users token ...` makes, lists and revokes personal
/// API tokens (<see cref="ApiTokens"/>). The password comes
/// from standard input (never the command line, where `ps` and shell history would show it); at a terminal it is
/// typed without echo.
/// </summary>
public static class UsersCommand
{
    public static async Task<int> RunAsync(WebApplication app, IServiceProvider services, Invocation invocation)
    {
        var operands = invocation.Operands;
        if (operands is ["token", ..])
        {
            return await TokenAsync(app, services, operands, invocation.Switches.Contains("--all"));
        }

        if (operands is not [("add" or "role") and var verb, var email])
        {
            throw new CommandLineException("users takes: users add EMAIL --role editor|chief-editor, or users role EMAIL --role editor|chief-editor");
        }

        var role = app.Configuration["role"];
        if (!DeskRoles.IsKnown(role))
        {
            throw new CommandLineException($"--role must be {string.Join(" or ", DeskRoles.All)}, not '{role}'");
        }

        if (verb == "role")
        {
            return await ChangeRoleAsync(app, services, email, role!);
        }

        var password = ReadPassword(email);
        var setup = services.GetRequiredService<DatabaseSetup>();
        await using (await setup.AcquireLockAsync())
        {
            await setup.MigrateAsync();
        }

        var (user, problems) = await services.GetRequiredService<UserAccounts>().CreateAsync(email, password, role!);
        if (user is null)
        {
            // A refusal is an expected answer, not a crash: one line, as every command's failure reads.
            Console.Error.WriteLine($"factcheck: {email} not added: {string.Join(" ", problems.Select(p => p.Text))}");
            return CommandLine.FailureExitCode;
        }

        app.Logger.LogInformation("Added {Email} as {Role}", user.Email, DeskRoles.DisplayName(role!));
        return 0;
    }

    private static async Task<int> ChangeRoleAsync(WebApplication app, IServiceProvider services, string email, string role)
    {
        var setup = services.GetRequiredService<DatabaseSetup>();
        await using (await setup.AcquireLockAsync())
        {
            await setup.MigrateAsync();
        }

        if (!await services.GetRequiredService<UserAccounts>().ChangeRoleAsync(email, role))
        {
            Console.Error.WriteLine($"factcheck: no account has the email {email}");
            return CommandLine.FailureExitCode;
        }

        app.Logger.LogInformation("{Email} is now {Role}", email, DeskRoles.DisplayName(role));
        return 0;
    }

    /// <summary>
    /// `users token add EMAIL [--name LABEL]` prints the new token alone on the last line of standard output (the
    /// only time it is shown); `users token list EMAIL`; `users token revoke PREFIX|TOKEN`, or `users token revoke
    /// EMAIL --all` for every token of the account.
    /// </summary>
    private static async Task<int> TokenAsync(WebApplication app, IServiceProvider services, IReadOnlyList<string> operands, bool all)
    {
        var setup = services.GetRequiredService<DatabaseSetup>();
        await using (await setup.AcquireLockAsync())
        {
            await setup.MigrateAsync();
        }

        var tokens = services.GetRequiredService<ApiTokens>();
        switch (operands)
        {
            case [_, "add", var email]:
                var name = app.Configuration["name"];
                if (name?.Trim().Length > ApiTokens.NameMaxLength)
                {
                    throw new CommandLineException($"--name is {name.Trim().Length} characters; keep it to {ApiTokens.NameMaxLength}");
                }

                var token = await tokens.AddAsync(email, name);
                if (token is null)
                {
                    Console.Error.WriteLine($"factcheck: no account has the email {email}");
                    return CommandLine.FailureExitCode;
                }

                // Logged before the token is printed, so that the token is the output's last line for a script to take.
                app.Logger.LogInformation("Added API token {Prefix} for {Email}", token[..ApiTokens.DisplayPrefixLength], email);
                Console.Out.WriteLine(token);
                Console.Out.Flush();
                return 0;
            case [_, "list", var email]:
                if (await tokens.ListAsync(email) is not { } rows)
                {
                    Console.Error.WriteLine($"factcheck: no account has the email {email}");
                    return CommandLine.FailureExitCode;
                }

                foreach (var row in rows)
                {
                    var state = row.RevokedAtUtc is { } revoked ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"revoked {revoked:yyyy-MM-dd HH:mm}Z")
                        : row.LastUsedAtUtc is { } used ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"last used {used:yyyy-MM-dd HH:mm}Z") : "never used";
                    Console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{row.Prefix}\tcreated {row.CreatedAtUtc:yyyy-MM-dd HH:mm}Z\t{state}\t{row.Name}").TrimEnd());
                }

                return 0;
            case [_, "revoke", var which]:
                var (count, refusal) = await tokens.RevokeAsync(which, all);
                if (refusal is not null)
                {
                    Console.Error.WriteLine($"factcheck: {refusal}");
                    return CommandLine.FailureExitCode;
                }

                app.Logger.LogInformation("Revoked {Count} API token(s) for {Which}", count, which);
                return 0;
            default:
                throw new CommandLineException("users token takes: users token add EMAIL [--name LABEL], users token list EMAIL, users token revoke PREFIX|TOKEN, or users token revoke EMAIL --all");
        }
    }

    private static string ReadPassword(string email)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() ?? "";
        }

        Console.Error.Write($"Password for {email}: ");
        var password = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                password.Length = Math.Max(0, password.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
