using FactCheck.Data;
using FactCheck.Data.Entities;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// /api/sources: documents newest first in one query; one document's metadata and passages in two; its text
/// alone at /text, so that a list or a metadata read never carries whole articles.
/// </summary>
public sealed class ApiSourceService(FactCheckDbContext db)
{
    private sealed record SourceRow(
        int Id, string Slug, string Title, SourceKind Kind, string Publisher, string? Author, ReportedDate PublishedOn, string Language,
        string? OriginalUrl, string? ArchiveUrl, DateOnly? AccessedOn, string? AttributionNote, string ContentHash);

    public async Task<IReadOnlyList<ApiSourceSummary>> ListAsync(ApiPaging paging, ApiLinks links, CancellationToken cancellationToken)
    {
        if (paging.Offset is not { } offset)
        {
            return [];
        }

        var rows = await db.Sources.AsNoTracking()
            .OrderByDescending(s => s.PublishedOn.Date).ThenByDescending(s => s.Id)
            .Skip(offset)
            .Take(paging.PageSize + 1)
            .Select(s => new SourceRow(s.Id, s.Slug, s.Title, s.Kind, s.Publisher, s.Author, s.PublishedOn, s.Language, s.OriginalUrl, s.ArchiveUrl, s.AccessedOn, s.AttributionNote, s.ContentHash))
            .ToListAsync(cancellationToken);
        return rows.Select(s => Summary(s, links)).ToList();
    }

    public async Task<ApiSource?> GetAsync(int id, ApiLinks links, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new SourceRow(s.Id, s.Slug, s.Title, s.Kind, s.Publisher, s.Author, s.PublishedOn, s.Language, s.OriginalUrl, s.ArchiveUrl, s.AccessedOn, s.AttributionNote, s.ContentHash))
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }

        var passages = await db.Passages.AsNoTracking()
            .Where(p => p.SourceId == id)
            .OrderBy(p => p.Start).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Exact, p.Prefix, p.Suffix, p.Start, p.End, p.LostAtUtc })
            .ToListAsync(cancellationToken);
        return new ApiSource(
            Summary(source, links),
            source.AttributionNote,
            source.ContentHash,
            passages.Select(p => links.Passage(p.Id, id, source.Slug, p.Exact, p.Prefix, p.Suffix, p.Start, p.End, p.LostAtUtc)).ToList());
    }

    /// <summary>The text exactly as archived, and its SHA-256, which is the text's strong ETag.</summary>
    public async Task<(string Text, string ContentHash)?> GetTextAsync(int id, CancellationToken cancellationToken)
    {
        var row = await db.Sources.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Text, s.ContentHash }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Text, row.ContentHash);
    }

    private static ApiSourceSummary Summary(SourceRow s, ApiLinks links) => new(
        s.Id,
        s.Slug,
        s.Title,
        ApiLinks.Kebab(s.Kind.ToString()),
        s.Publisher,
        s.Author,
        s.PublishedOn.ToIsoString(),
        s.Language,
        s.OriginalUrl,
        s.ArchiveUrl,
        s.AccessedOn,
        links.Absolute(SiteUrls.Source(s.Id, s.Slug)),
        links.Absolute(ApiLinks.SourcePath(s.Id)),
        links.Absolute(ApiLinks.SourceTextPath(s.Id)));
}
