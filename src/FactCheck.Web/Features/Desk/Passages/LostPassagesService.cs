using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Configurations;
using FactCheck.Data.Passages;
using FactCheck.Data.Seeding;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Features.Desk.Sources;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.Passages;

/// <summary>A claim citing a lost passage, as evidence or as where the claim appears.</summary>
public sealed record LostPassageCitation(int ClaimId, string ClaimSummary, string How)
{
    public string VerdictPath => DeskSourceService.VerdictPath(ClaimId);
}

/// <summary>A cited passage its source's corrected text no longer holds, with what cites it.</summary>
public sealed record LostPassageRow(int PassageId, int SourceId, string SourceTitle, string Quote, DateTime LostAtUtc, IReadOnlyList<LostPassageCitation> Citations)
{
    public string SourceDeskPath => DeskSourceService.Path(SourceId);

    public string ResolvePath => LostPassagesService.ResolvePath(PassageId);
}

/// <summary>The resolve page: the lost passage and the corrected text to pick its words from.</summary>
public sealed record ResolvePassageModel(LostPassageRow Passage, IReadOnlyList<TextParagraph> Paragraphs);

/// <summary>What the resolve form posts: the words to cite now, exactly as in the corrected text.</summary>
public sealed class ResolvePassageInput
{
    public string? Quote { get; set; }
}

/// <summary>The editors' queue of lost passages, and re-pointing one at words of the corrected text.</summary>
public sealed class LostPassagesService(FactCheckDbContext db)
{
    public const string Path = "/editor/passages";

    public static string ResolvePath(int passageId) => string.Create(CultureInfo.InvariantCulture, $"{Path}/{passageId}");

    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        db.Passages.CountAsync(p => p.LostAtUtc != null, cancellationToken);

    /// <summary>Every lost passage, the longest-waiting first.</summary>
    public async Task<IReadOnlyList<LostPassageRow>> ListAsync(CancellationToken cancellationToken = default) =>
        await RowsAsync(db.Passages.Where(p => p.LostAtUtc != null), cancellationToken);

    public async Task<ResolvePassageModel?> GetAsync(int passageId, CancellationToken cancellationToken = default)
    {
        var row = (await RowsAsync(db.Passages.Where(p => p.Id == passageId && p.LostAtUtc != null), cancellationToken)).SingleOrDefault();
        if (row is null)
        {
            return null;
        }

        var text = await db.Sources.AsNoTracking().Where(s => s.Id == row.SourceId).Select(s => s.Text).SingleAsync(cancellationToken);
        return new ResolvePassageModel(row, DeskSourceService.Paragraphs(text));
    }

    /// <summary>
    /// Points the lost passage at the one occurrence of the posted words in the corrected text and clears its
    /// flag, in one save with a revision. Line breaks are matched as the stored text has them, since a browser
    /// posts CRLF whatever the text holds.
    /// </summary>
    public async Task<IReadOnlyList<FieldMessage>> ResolveAsync(int passageId, ResolvePassageInput input, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var passage = await db.Passages.Include(p => p.Source).SingleOrDefaultAsync(p => p.Id == passageId && p.LostAtUtc != null, cancellationToken);
        if (passage is null)
        {
            return [new FieldMessage(nameof(input.Quote), "This passage is no longer flagged: another editor resolved it.")];
        }

        var text = passage.Source.Text;
        var quote = input.Quote ?? "";
        if (PassageLocator.Find(text, quote) is null)
        {
            var lf = quote.Replace("\r\n", "\n", StringComparison.Ordinal);
            var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);
            quote = PassageLocator.Find(text, lf) is not null ? lf : PassageLocator.Find(text, crlf) is not null ? crlf : quote;
        }

        var siblings = await db.Passages.Where(p => p.SourceId == passage.SourceId).ToListAsync(cancellationToken);
        if (PassageReanchoring.Resolve(passage, siblings, text, quote) is { } problem)
        {
            return [new FieldMessage(nameof(input.Quote), problem)];
        }

        db.Attribution = new ChangeAttribution(editor, "Lost passage cited again in the corrected text");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return [new FieldMessage(nameof(input.Quote), "A colleague cited these words at the same moment; nothing was saved. Reload the page and try again.")];
        }

        return [];
    }

    private async Task<List<LostPassageRow>> RowsAsync(IQueryable<Data.Entities.Passage> passages, CancellationToken cancellationToken)
    {
        var rows = await passages.AsNoTracking()
            .OrderBy(p => p.LostAtUtc).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.SourceId, SourceTitle = p.Source.Title, p.Exact, LostAtUtc = p.LostAtUtc!.Value })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var evidence = await db.Evidence.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).Where(e => ids.Contains(e.PassageId))
            .Select(e => new { e.PassageId, e.ClaimId, e.Claim.Summary, e.Stance, e.Organization })
            .ToListAsync(cancellationToken);
        var appearances = await db.ClaimAppearances.AsNoTracking().IgnoreQueryFilters(ClaimConfigurationNames.AllClaims).Where(a => ids.Contains(a.PassageId))
            .Select(a => new { a.PassageId, a.ClaimId, a.Claim.Summary })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new LostPassageRow(
                r.Id,
                r.SourceId,
                r.SourceTitle,
                r.Exact,
                r.LostAtUtc,
                appearances.Where(a => a.PassageId == r.Id).OrderBy(a => a.ClaimId).Select(a => new LostPassageCitation(a.ClaimId, a.Summary, "Where the claim appears"))
                    .Concat(evidence.Where(e => e.PassageId == r.Id).OrderBy(e => e.ClaimId)
                        .Select(e => new LostPassageCitation(e.ClaimId, e.Summary, $"Evidence ({FactCheck.Web.Features.Claims.StanceLabels.Name(e.Stance).ToLowerInvariant()}) from {e.Organization}")))
                    .ToList()))
            .ToList();
    }
}
