using System.Net;
using System.Text.Json;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Api;

/// <summary>GETs against the real site that keep the response's status, headers and parsed JSON together.</summary>
internal static class ApiTestClient
{
    public static async Task<(HttpResponseMessage Response, JsonElement Json)> GetJsonAsync(HttpClient client, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute));
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    public static async Task<JsonElement> GetOkJsonAsync(HttpClient client, string url)
    {
        var (response, json) = await GetJsonAsync(client, url);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return json;
        }
    }

    public static string PathOf(FactCheckAppFactory app, string absolute)
    {
        var uri = new Uri(absolute);
        Assert.Equal(app.BaseAddress.Authority, uri.Authority);
        return uri.PathAndQuery;
    }
}
