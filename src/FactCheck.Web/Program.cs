using FactCheck.Web.Features.Desk;
using FactCheck.Web.Hosting;

var invocation = CommandLine.Parse(args);
if (invocation.ShowsUsage)
{
    return CommandLine.ShowUsage(invocation);
}

return await CommandLine.RunGuardedAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(invocation.HostArgs);
    builder.AddFactCheckLogging(outputIsData: invocation.Command == CandidatesCommand.Name);
    builder.AddFactCheckData();
    builder.AddFactCheckWeb();

    var app = builder.Build();
    if (invocation.Command is not null)
    {
        return await app.RunCommandAsync(invocation);
    }

    await app.PrepareDatabaseAsync();
    await app.AnnounceFirstUserSetupAsync();
    app.UseFactCheckPipeline();
    await app.RunAsync();
    return 0;
});

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
