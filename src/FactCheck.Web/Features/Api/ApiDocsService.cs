using System.Text.RegularExpressions;
using FactCheck.Data;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace FactCheck.Web.Features.Api;

/// <summary>One operation of the OpenAPI document as /api/docs lists it.</summary>
public sealed record ApiDocsOperation(
    string Method, string Path, string Anchor, string? Summary, string? Description, IReadOnlyList<ApiDocsParameter> Parameters, IReadOnlyList<ApiDocsResponse> Responses, string? ExampleUrl, bool NeedsToken = false);

public sealed record ApiDocsParameter(string Name, string In, string Type, bool Required, string? Description);

public sealed record ApiDocsResponse(string Status, string? Description, string ContentTypes);

/// <summary>A tag of the document (a resource) and its operations, in the document's order.</summary>
public sealed record ApiDocsSection(string Tag, string Anchor, IReadOnlyList<ApiDocsOperation> Operations);

public sealed record ApiDocsModel(string Title, string Version, string? Description, IReadOnlyList<ApiDocsSection> Sections);

/// <summary>
/// /api/docs: the OpenAPI document the app generates for /openapi/v1.json, read in-process through the
/// framework's document provider, so the page and the document cannot disagree; each operation gets an example
/// URL with a real record's id or slug from the archive.
/// </summary>
public sealed partial class ApiDocsService(IServiceProvider services, FactCheckDbContext db)
{
    public async Task<ApiDocsModel> GetAsync(string baseUrl, CancellationToken cancellationToken = default)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiEndpoints.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        var examples = await ExampleValuesAsync(cancellationToken);

        var operations = new List<(string Tag, ApiDocsOperation Operation)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var name = method.ToString().ToUpperInvariant();
                var parameters = (operation.Parameters ?? [])
                    .Select(p => new ApiDocsParameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", TypeOf(p.Schema), p.Required, p.Description))
                    .ToList();
                var responses = (operation.Responses ?? [])
                    .Select(r => new ApiDocsResponse(r.Key, r.Value.Description, string.Join(", ", r.Value.Content?.Keys ?? [])))
                    .ToList();
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "Other";

                // A link can only show a GET that needs no token; the editors' operations have none to follow.
                var needsToken = operation.Security is { Count: > 0 };
                operations.Add((tag, new ApiDocsOperation(
                    name, path, Anchor(name + " " + path), operation.Summary, operation.Description, parameters, responses,
                    needsToken || name != "GET" ? null : baseUrl.TrimEnd('/') + Example(path, parameters, examples), needsToken)));
            }
        }

        var sections = operations.GroupBy(o => o.Tag).Select(g => new ApiDocsSection(g.Key, Anchor(g.Key), g.Select(o => o.Operation).ToList())).ToList();
        return new ApiDocsModel(document.Info.Title ?? "API", document.Info.Version ?? "", document.Info.Description, sections);
    }

    private static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema?.Type is not { } type)
        {
            return "string";
        }

        // OpenAPI 3.1 writes an optional value as [type, "null"]; "optional" is already in the Required column.
        var name = (type & ~JsonSchemaType.Null).ToString().ToLowerInvariant();
        return schema.Format is { } format ? $"{name} ({format})" : name;
    }

    private async Task<Dictionary<string, string>> ExampleValuesAsync(CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var claim = await ApiRows.Visible(db.Claims.AsNoTracking()).OrderBy(c => c.Id).Select(c => new { c.Id, ClaimantSlug = c.Claimant.Slug, c.Summary }).FirstOrDefaultAsync(cancellationToken);
        var source = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var evidence = await db.Evidence.AsNoTracking().Where(e => e.Claim.RetractedAtUtc == null && e.Claim.MergedIntoId == null)
            .OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        var verdict = await ApiRows.PublishedVerdicts(db.Verdicts.AsNoTracking()).OrderBy(v => v.Id).Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);
        values["/api/claims/{id}"] = claim?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
        values["/api/claimants/{slug}"] = claim?.ClaimantSlug ?? "example";
        values["/api/sources/{id}"] = source?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
        values["/api/evidence/{id}"] = evidence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
        values["/api/verdicts/{id}"] = verdict?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
        values["q"] = claim?.Summary.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string([.. w.Where(char.IsLetter)]))
            .FirstOrDefault(w => w.Length >= 5)?.ToLowerInvariant() ?? "statement";
        return values;
    }

    private static string Example(string path, IReadOnlyList<ApiDocsParameter> parameters, Dictionary<string, string> examples)
    {
        var url = PathParameter().Replace(path, match =>
        {
            var prefix = path[..(match.Index + match.Length)];
            return examples.TryGetValue(prefix, out var value) ? Uri.EscapeDataString(value) : "1";
        });
        if (parameters.Any(p => p.Name == "q"))
        {
            url += "?q=" + Uri.EscapeDataString(examples["q"]);
        }
        else if (parameters.Any(p => p.Name == ApiPaging.PageSizeKey))
        {
            url += "?pageSize=5";
        }

        return url;
    }

    private static string Anchor(string text) => "op-" + NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonWord();
}
