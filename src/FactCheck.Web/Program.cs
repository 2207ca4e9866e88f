using FactCheck.Web.Hosting;

var (command, hostArgs) = HostCommands.Split(args);

var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddFactCheckLogging();
builder.AddFactCheckData();
builder.AddFactCheckWeb();

var app = builder.Build();

if (command is not null)
{
    return await app.RunCommandAsync(command);
}

await app.PrepareDatabaseAsync();
app.UseFactCheckPipeline();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
