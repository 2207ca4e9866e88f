using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace FactCheck.Web.Features.Api;

/// <summary>
/// The paging every list shares: page (1-based) and pageSize (1 to 100, default 20). Lists read one row more
/// than a page to know whether a next page exists, instead of counting every match (see decisions/public-api.md).
/// </summary>
public sealed record ApiPaging(int Page, int PageSize)
{
    public const string PageKey = "page";
    public const string PageSizeKey = "pageSize";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Rows to skip, or null when the page lies beyond any list the database can hold (an empty page, not an error).</summary>
    public int? Offset => (long)(Page - 1) * PageSize is var offset && offset <= int.MaxValue - MaxPageSize ? (int)offset : null;

    /// <summary>The paging asked for, or a 400 problem naming the parameter that is not a valid number.</summary>
    public static (ApiPaging? Paging, IResult? Problem) Parse(string? page, string? pageSize)
    {
        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page)
            && (!int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            return (null, ApiProblems.InvalidParameter(PageKey, "page must be a whole number from 1."));
        }

        var size = DefaultPageSize;
        if (!string.IsNullOrWhiteSpace(pageSize)
            && (!int.TryParse(pageSize.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            return (null, ApiProblems.InvalidParameter(PageSizeKey, string.Create(CultureInfo.InvariantCulture, $"pageSize must be a whole number from 1 to {MaxPageSize}.")));
        }

        return (new ApiPaging(pageNumber, size), null);
    }

    /// <summary>
    /// The page for rows read with <see cref="Offset"/> and pageSize + 1: the extra row only says that a next
    /// page exists. Sets the RFC 8288 Link header beside the next and previous URLs in the body.
    /// </summary>
    /// <param name="knownHasNext">Whether a next page exists, where the caller knows it otherwise (search counts its matches).</param>
    public ApiPage<T> ToPage<T>(HttpContext context, ApiLinks links, IReadOnlyList<T> rows, IReadOnlyDictionary<string, string?> query, int? totalCount = null, bool? knownHasNext = null)
    {
        var hasNext = knownHasNext ?? rows.Count > PageSize;
        var items = hasNext ? rows.Take(PageSize).ToList() : rows;
        var next = hasNext ? links.Absolute(Link(context.Request.Path, query, Page + 1)) : null;
        var previous = Page > 1 ? links.Absolute(Link(context.Request.Path, query, Page - 1)) : null;

        var header = new List<string>();
        if (next is not null)
        {
            header.Add($"<{next}>; rel=\"next\"");
        }

        if (previous is not null)
        {
            header.Add($"<{previous}>; rel=\"prev\"");
        }

        if (header.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", header);
        }

        return new ApiPage<T>(items, Page, PageSize, totalCount, next, previous);
    }

    private string Link(PathString path, IReadOnlyDictionary<string, string?> query, int page)
    {
        var values = query.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToList();
        values.Add(new(PageKey, page.ToString(CultureInfo.InvariantCulture)));
        if (PageSize != DefaultPageSize)
        {
            values.Add(new(PageSizeKey, PageSize.ToString(CultureInfo.InvariantCulture)));
        }

        return QueryHelpers.AddQueryString(path.Value ?? "/", values);
    }
}
