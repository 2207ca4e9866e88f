using System.Net;
using System.Text.Json;
using FactCheck.Data.Entities;
using FactCheck.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Tests.Api;

/// <summary>
/// The public JSON API on the seeded site, through real HTTP: the OpenAPI document and every path it lists,
/// a claim's content, paging, errors, conditional GET and CORS. Read-only, so it shares the one site.
/// </summary>
[Collection(FactCheckAppCollection.Name)]
[Trait("Database", "Both")]
public sealed class PublicApiTests(FactCheckAppFactory app) : IDisposable
{
    private readonly HttpClient _client = app.CreateHttpClient();

    [Fact]
    public async Task The_OpenAPI_document_is_3_1_and_every_path_it_documents_answers()
    {
        var document = await ApiTestClient.GetOkJsonAsync(_client, "/openapi/v1.json");
        Assert.StartsWith("3.1.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("FactCheck public API", document.GetProperty("info").GetProperty("title").GetString());

        // Ids are written as numbers, and the schema says so (not "integer or string").
        var id = document.GetProperty("components").GetProperty("schemas").GetProperty("ApiClaim").GetProperty("properties").GetProperty("id");
        Assert.Equal("integer", id.GetProperty("type").GetString());

        var values = await SeededValuesAsync();
        var paths = document.GetProperty("paths").EnumerateObject().ToList();
        Assert.True(paths.Count >= 11, $"Only {paths.Count} paths are documented.");
        foreach (var path in paths)
        {
            Assert.StartsWith("/api/", path.Name, StringComparison.Ordinal);
            var get = path.Value.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), $"{path.Name} has no summary.");
            Assert.True(get.TryGetProperty("tags", out _), $"{path.Name} has no tag.");

            var url = path.Name;
            var query = new List<string>();
            foreach (var parameter in get.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                var name = parameter.GetProperty("name").GetString()!;
                if (parameter.GetProperty("in").GetString() == "path")
                {
                    // The resource the parameter names is the segment before it: /api/claims/{id} is a claim's id.
                    var resource = url[..url.IndexOf("/{" + name + "}", StringComparison.Ordinal)].Split('/')[^1];
                    Assert.True(values.TryGetValue(resource, out var value), $"No seeded {resource} for {path.Name}.");
                    url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
                }
                else if (parameter.TryGetProperty("required", out var required) && required.GetBoolean())
                {
                    query.Add($"{name}={values["query"]}");
                }
            }

            if (query.Count > 0)
            {
                url += "?" + string.Join('&', query);
            }

            using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} (documented as {path.Name}) returned {(int)response.StatusCode}");
            var expected = get.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Single().Name;
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            if (expected == "application/json")
            {
                using var json = JsonDocument.Parse(body);
                Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(body));
            }
        }
    }

    [Fact]
    public async Task The_Balki_claim_has_its_rating_the_verdict_author_and_the_evidence_quotes()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var claim = await ApiTestClient.GetOkJsonAsync(_client, $"/api/claims/{balki.Id}");

        Assert.Equal(balki.Id, claim.GetProperty("id").GetInt32());
        Assert.Equal(balki.Quote, claim.GetProperty("quote").GetString());
        Assert.Equal(new Uri(app.BaseAddress, balki.Path).AbsoluteUri, claim.GetProperty("url").GetString());
        Assert.Equal(new Uri(app.BaseAddress, $"/api/claims/{balki.Id}").AbsoluteUri, claim.GetProperty("apiUrl").GetString());
        Assert.Equal(balki.ClaimantName, claim.GetProperty("claimant").GetProperty("name").GetString());

        var verdict = claim.GetProperty("currentVerdict");
        Assert.Equal("misleading", verdict.GetProperty("rating").GetProperty("slug").GetString());
        Assert.Equal("Polygraph.info", verdict.GetProperty("author").GetString());

        var quotes = claim.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("passage").GetProperty("exact").GetString()!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(balki.Evidence.Select(e => e.Exact).Order(StringComparer.Ordinal).ToList(), quotes);
        var first = claim.GetProperty("evidence")[0];
        Assert.Equal(new Uri(app.BaseAddress, balki.Evidence.Single(e => e.PassageId == first.GetProperty("passage").GetProperty("id").GetInt32()).Href).AbsoluteUri, first.GetProperty("url").GetString());

        // The same verdict is a resource of its own, and the evidence item too.
        var byId = await ApiTestClient.GetOkJsonAsync(_client, ApiTestClient.PathOf(app, verdict.GetProperty("apiUrl").GetString()!));
        Assert.Equal(verdict.GetProperty("headline").GetString(), byId.GetProperty("headline").GetString());
        var evidence = await ApiTestClient.GetOkJsonAsync(_client, ApiTestClient.PathOf(app, first.GetProperty("apiUrl").GetString()!));
        Assert.Equal(first.GetProperty("passage").GetProperty("exact").GetString(), evidence.GetProperty("passage").GetProperty("exact").GetString());
    }

    [Fact]
    public async Task Pages_of_one_link_to_each_other_in_the_body_and_the_Link_header()
    {
        var (firstResponse, first) = await ApiTestClient.GetJsonAsync(_client, "/api/claims?pageSize=1");
        using (firstResponse)
        {
            Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
            Assert.Single(first.GetProperty("items").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, first.GetProperty("previous").ValueKind);
            var next = first.GetProperty("next").GetString()!;
            Assert.Equal(new Uri(app.BaseAddress, "/api/claims?page=2&pageSize=1").AbsoluteUri, next);
            Assert.Equal($"<{next}>; rel=\"next\"", string.Join(", ", firstResponse.Headers.GetValues("Link")));

            var (secondResponse, second) = await ApiTestClient.GetJsonAsync(_client, next);
            using (secondResponse)
            {
                Assert.Equal(2, second.GetProperty("page").GetInt32());
                Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetInt32(), second.GetProperty("items")[0].GetProperty("id").GetInt32());
                var previous = second.GetProperty("previous").GetString()!;
                Assert.Equal(new Uri(app.BaseAddress, "/api/claims?page=1&pageSize=1").AbsoluteUri, previous);
                Assert.Contains($"<{previous}>; rel=\"prev\"", string.Join(", ", secondResponse.Headers.GetValues("Link")), StringComparison.Ordinal);
            }
        }

        // Filters are carried into the links.
        var filtered = await ApiTestClient.GetOkJsonAsync(_client, "/api/claims?rating=misleading&pageSize=1");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), c => Assert.Equal("misleading", c.GetProperty("rating").GetProperty("slug").GetString()));
        if (filtered.GetProperty("next").GetString() is { } filteredNext)
        {
            Assert.Contains("rating=misleading", filteredNext, StringComparison.Ordinal);
        }

        var pastTheEnd = await ApiTestClient.GetOkJsonAsync(_client, "/api/claims?page=100000");
        Assert.Empty(pastTheEnd.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, pastTheEnd.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("/api/claims?pageSize=0", "pageSize")]
    [InlineData("/api/claims?pageSize=101", "pageSize")]
    [InlineData("/api/verdicts?pageSize=ten", "pageSize")]
    [InlineData("/api/sources?page=0", "page")]
    [InlineData("/api/claimants?page=-1", "page")]
    [InlineData("/api/claims?rating=wonderful", "rating")]
    [InlineData("/api/search?q=", "q")]
    [InlineData("/api/search?q=amnesty&kind=people", "kind")]
    public async Task Bad_parameters_get_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        var (response, problem) = await ApiTestClient.GetJsonAsync(_client, url);
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"The problem for {url} does not name {parameter}.");
        }
    }

    [Fact]
    public async Task A_bad_search_gets_the_search_pages_own_message()
    {
        var (response, problem) = await ApiTestClient.GetJsonAsync(_client, "/api/search?q=");
        using (response)
        {
            Assert.Equal("Type a word or phrase to search.", problem.GetProperty("errors").GetProperty("q")[0].GetString());
        }

        var found = await ApiTestClient.GetOkJsonAsync(_client, "/api/search?q=amnesty&kind=claims");
        Assert.True(found.GetProperty("totalCount").GetInt32() > 0);
        Assert.All(found.GetProperty("items").EnumerateArray(), r => Assert.Equal("claims", r.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("/api/claims/999999")]
    [InlineData("/api/claims/not-a-number")]
    [InlineData("/api/claimants/nobody-at-all")]
    [InlineData("/api/sources/999999")]
    [InlineData("/api/sources/999999/text")]
    [InlineData("/api/evidence/999999")]
    [InlineData("/api/verdicts/999999")]
    [InlineData("/api/no-such-resource")]
    public async Task Unknown_records_get_a_404_problem_not_the_html_page(string url)
    {
        var (response, problem) = await ApiTestClient.GetJsonAsync(_client, url);
        using (response)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("/api/claims")]
    [InlineData("/api/sources/1/text")]
    [InlineData("/feeds/claimreview.jsonld")]
    [InlineData("/feeds/claimreview-markup.json")]
    public async Task An_unchanged_answer_is_304_with_no_body_by_ETag_or_by_date(string url)
    {
        using var first = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        var lastModified = first.Content.Headers.LastModified;
        Assert.NotNull(lastModified);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl?.ToString());

        using var byTag = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        byTag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        byDate.Headers.IfModifiedSince = lastModified;
        using var notModifiedSince = await _client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);
        Assert.Empty(await notModifiedSince.Content.ReadAsByteArrayAsync());

        // Another tag is another version: the body comes back, and an If-Modified-Since beside it is ignored.
        using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        stale.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"someone-elses\""));
        stale.Headers.IfModifiedSince = lastModified;
        using var full = await _client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.NotEmpty(await full.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Any_origin_may_read_the_API_and_its_validators()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/claims", UriKind.Relative));
        request.Headers.Add("Origin", "https://newsroom.example");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/claims", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://newsroom.example");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var allowed = await _client.SendAsync(preflight);
        Assert.True(allowed.IsSuccessStatusCode, $"Preflight returned {(int)allowed.StatusCode}");
        Assert.Equal("*", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_docs_page_lists_every_documented_operation_without_a_script()
    {
        var document = await ApiTestClient.GetOkJsonAsync(_client, "/openapi/v1.json");
        using var response = await _client.GetAsync(new Uri("/api/docs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Empty(html.QuerySelectorAll("script"));
        Assert.NotNull(html.QuerySelector("main h1"));
        Assert.NotNull(html.QuerySelector("a[href='/openapi/v1.json']"));
        var listed = html.QuerySelectorAll("main h3").Select(h => TextNormalizer.Collapse(h.TextContent)).ToHashSet(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var heading = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.Contains(heading, listed);
                var article = html.QuerySelectorAll("main article").Single(a => TextNormalizer.Collapse(a.QuerySelector("h3")!.TextContent) == heading);
                Assert.Contains(operation.Value.GetProperty("summary").GetString()!, article.TextContent, StringComparison.Ordinal);
                foreach (var parameter in operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
                {
                    Assert.Contains(parameter.GetProperty("name").GetString()!, article.QuerySelectorAll("th[scope=row] code").Select(c => c.TextContent));
                }

                // The example is a real request that answers.
                var example = article.QuerySelector(".api-docs__example a")!.GetAttribute("href")!;
                using var answer = await _client.GetAsync(new Uri(ApiTestClient.PathOf(app, example), UriKind.Relative));
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"The example {example} returned {(int)answer.StatusCode}");
            }
        }

        using var home = await _client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.NotNull(Html.Parse(await home.Content.ReadAsStringAsync()).QuerySelector("footer a[href='/api/docs']"));
    }

    public void Dispose() => _client.Dispose();

    private async Task<Dictionary<string, string>> SeededValuesAsync()
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        var ids = await app.QueryAsync(async db => new
        {
            Claimant = await db.Claims.Where(c => c.Id == balki.Id).Select(c => c.Claimant.Slug).SingleAsync(),
            Evidence = await db.Evidence.Where(e => e.ClaimId == balki.Id).Select(e => e.Id).FirstAsync(),
            Verdict = await db.Verdicts.Where(v => v.ClaimId == balki.Id && v.Status == VerdictStatus.Published).Select(v => v.Id).FirstAsync(),
        });
        return new Dictionary<string, string>
        {
            ["claims"] = balki.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["claimants"] = ids.Claimant,
            ["sources"] = balki.Evidence[0].SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["evidence"] = ids.Evidence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["verdicts"] = ids.Verdict.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["query"] = "amnesty",
        };
    }
}
