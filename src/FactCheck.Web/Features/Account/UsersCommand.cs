using System.Text;
using FactCheck.Data.Identity;
using FactCheck.Data.Setup;
using FactCheck.Web.Hosting;

namespace FactCheck.Web.Features.Account;

/// <summary>
/// `users add EMAIL --role editor|chief-editor`: adds a desk account for scripts and tests; `users role EMAIL --role
/// ...` changes an account's role (both written to the audit log). The password comes
/// from standard input (never the command line, where `ps` and shell history would show it); at a terminal it is
/// typed without echo.
/// </summary>
public static class UsersCommand
{
    public static async Task<int> RunAsync(WebApplication app, IServiceProvider services, IReadOnlyList<string> operands)
    {
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
