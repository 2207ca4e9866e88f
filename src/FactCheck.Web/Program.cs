using FactCheck.Web.Hosting;

var invocation = CommandLine.Parse(args);
if (invocation.ShowsUsage)
{
    return CommandLine.ShowUsage(invocation);
}

return await CommandLine.RunGuardedAsync(async () =>
{
    // A command's operands are not configuration: an absolute FILE would read as a "/Key value" switch and swallow the option after it.
    var builder = WebApplication.CreateBuilder(invocation.HostArgs[invocation.Operands.Count..]);
    builder.AddFactCheckLogging(outputIsData: invocation.WritesDataToStandardOutput);
    builder.AddFactCheckData();
    builder.AddFactCheckWeb();

    var app = builder.Build();
    if (invocation.Command is not null)
    {
        return await app.RunCommandAsync(invocation);
    }

    await app.PrepareDatabaseAsync();
    await app.PrepareDataProtectionKeysAsync();
    await app.AnnounceFirstUserSetupAsync();
    app.UseFactCheckPipeline();
    await app.RunAsync();
    return 0;
});

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
