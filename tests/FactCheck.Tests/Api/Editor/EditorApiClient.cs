using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Api.Editor;

/// <summary>An editors' API client as a newsroom script is one: a personal token, JSON over real HTTP.</summary>
internal sealed class EditorApiClient(FactCheckAppFactory app, string? token) : IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    public static string DraftPath(int claimId) => $"/api/editor/claims/{claimId}/draft";

    /// <summary>A token made through the application's own service, as `users token add` makes one.</summary>
    public static async Task<string> AddTokenAsync(FactCheckAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().AddAsync(email, "tests");
        Assert.NotNull(token);
        return token;
    }

    public static async Task<EditorApiClient> ForNewAccountAsync(DeskAppFactory app, string email, string role)
    {
        await app.AddUserAsync(email, role);
        return new EditorApiClient(app, await AddTokenAsync(app, email));
    }

    public Task<ApiAnswer> GetAsync(string path, Action<HttpRequestMessage>? configure = null) => SendAsync(HttpMethod.Get, path, null, configure);

    public Task<ApiAnswer> PutJsonAsync(string path, object body, string? ifMatch) =>
        SendAsync(HttpMethod.Put, path, JsonContent.Create(body), request => IfMatch(request, ifMatch));

    public Task<ApiAnswer> PostAsync(string path, object? body = null, string? ifMatch = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), request => IfMatch(request, ifMatch));

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        configure?.Invoke(request);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return new ApiAnswer(
            (int)response.StatusCode,
            response.Headers.ETag?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            response.Headers.WwwAuthenticate.ToString(),
            response.Headers.CacheControl?.ToString(),
            json,
            response.Headers.Location);
    }

    /// <summary>Runs the real application's command line against the site's own database, as an operator would.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(FactCheckAppFactory app, params string[] arguments)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FactCheck.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--Database:Provider={app.Database}");
        start.ArgumentList.Add($"--ConnectionStrings:FactCheck={app.ConnectionString}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await errors);
    }

    public void Dispose() => _client.Dispose();

    private static void IfMatch(HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }
    }
}

internal sealed record ApiAnswer(int Status, string? ETag, string? MediaType, string WwwAuthenticate, string? CacheControl, JsonElement Json, Uri? Location)
{
    public string Text(string property) => Json.GetProperty(property).GetString() ?? "";

    public string[] Errors(string field) =>
        Json.GetProperty("errors").TryGetProperty(field, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];
}
