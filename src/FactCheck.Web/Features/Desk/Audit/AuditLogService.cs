using FactCheck.Data;
using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.Audit;

public sealed record AuditRow(DateTime AtUtc, AuditAction Action, string Actor, string? Subject, string? Detail, string? RemoteAddress);

/// <param name="Action">The filter, or null for every action.</param>
/// <param name="Message">Why the filter or page asked for was not used; null when it was.</param>
public sealed record AuditLogModel(IReadOnlyList<AuditRow> Rows, AuditAction? Action, int Page, int PageCount, string? Message)
{
    public string PageUrl(int page) => AuditLogService.Url(Action, page);
}

/// <summary>The audit log for chief editors, newest first, a page at a time, optionally one action only.</summary>
public sealed class AuditLogService(FactCheckDbContext db)
{
    public const int PageSize = 50;
    public const string Path = "/editor/audit";

    public static string Url(AuditAction? action, int page)
    {
        var query = new List<string>();
        if (action is { } a)
        {
            query.Add("action=" + a);
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return query.Count == 0 ? Path : Path + "?" + string.Join("&", query);
    }

    /// <summary>Unknown actions and impossible pages get the whole log's first page and a message, never an error.</summary>
    public async Task<AuditLogModel> GetAsync(string? action, string? page, CancellationToken cancellationToken = default)
    {
        string? message = null;
        AuditAction? filter = null;
        if (!string.IsNullOrEmpty(action))
        {
            if (Enum.TryParse<AuditAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(action, out _))
            {
                filter = parsed;
            }
            else
            {
                message = $"There is no action called \"{action}\"; showing every action.";
            }
        }

        var number = 1;
        if (!string.IsNullOrEmpty(page) && !(int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number) && number >= 1))
        {
            message ??= $"\"{page}\" is not a page number; showing the first page.";
            number = 1;
        }

        var entries = db.AuditLog.AsNoTracking();
        if (filter is { } f)
        {
            entries = entries.Where(e => e.Action == f);
        }

        var count = await entries.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (count + PageSize - 1) / PageSize);
        if (number > pageCount)
        {
            message ??= $"There are only {pageCount} pages; showing the last.";
            number = pageCount;
        }

        var rows = await entries
            .OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id)
            .Skip((number - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditRow(e.AtUtc, e.Action, e.Actor, e.Subject, e.Detail, e.RemoteAddress))
            .ToListAsync(cancellationToken);
        return new AuditLogModel(rows, filter, number, pageCount, message);
    }
}
