using System.Globalization;
using FactCheck.Data;
using FactCheck.Data.Candidates;
using FactCheck.Data.Entities;
using FactCheck.Data.Passages;
using FactCheck.Data.Seeding;
using FactCheck.Data.Text;
using FactCheck.Web.Features.Account;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;

namespace FactCheck.Web.Features.Desk.Sources;

/// <summary>
/// The desk's writes on sources: adding a pasted document, turning its quoted statements into claims or
/// appearances, and citing its passages as evidence. Every offset posted by a browser is checked against the
/// stored text before anything is saved, since a form can carry anything.
/// </summary>
public sealed partial class DeskSourceService(FactCheckDbContext db)
{
    public const string ListPath = "/editor/sources";
    public const string NewPath = "/editor/sources/new";
    public const int TextMaxLength = 200_000;
    public const int NewestCount = 50;

    private const int SummaryMaxLength = 200;

    public static string Path(int sourceId) => string.Create(CultureInfo.InvariantCulture, $"/editor/sources/{sourceId}");

    public static string VerdictPath(int claimId) => string.Create(CultureInfo.InvariantCulture, $"/editor/claims/{claimId}/verdict");

    public async Task<IReadOnlyList<SourceListRow>> NewestAsync(CancellationToken cancellationToken = default) =>
        await db.Sources.AsNoTracking()
            .OrderByDescending(s => s.ImportedAtUtc).ThenByDescending(s => s.Id)
            .Take(NewestCount)
            .Select(s => new SourceListRow(s.Id, s.Title, s.Publisher, s.PublishedOn, s.ImportedAtUtc))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Adds a source with its text exactly as posted: no trimming, no normalisation, so that offsets and the
    /// hash describe what the editor pasted (as the browser sent it: browsers send a text area's line breaks as CRLF).
    /// </summary>
    public async Task<AddSourceOutcome> AddAsync(NewSourceInput input, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldMessage>();
        var title = Required(input.Title, nameof(input.Title), "Enter the document's title.", 500, problems);
        var publisher = Required(input.Publisher, nameof(input.Publisher), "Enter who published the document.", 200, problems);
        var author = Optional(input.Author, nameof(input.Author), 200, problems);
        var language = Required(input.Language, nameof(input.Language), "Enter the language as a tag such as en or fr-CA.", 35, problems);
        if (language is not null && !IsLanguageTag(language))
        {
            problems.Add(new FieldMessage(nameof(input.Language), "Enter the language as a tag such as en or fr-CA."));
        }

        if (!ReportedDate.TryParse(input.Date, out var date))
        {
            problems.Add(new FieldMessage(nameof(input.Date), "Enter the date as 2021-12-05, 2021-12 or 2021."));
        }

        var url = WebAddress(input.Url, nameof(input.Url), problems);
        DateOnly? accessedOn = null;
        if (!string.IsNullOrWhiteSpace(input.AccessedOn))
        {
            if (DateOnly.TryParseExact(input.AccessedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var accessed)
                && accessed <= DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1))
            {
                accessedOn = accessed;
            }
            else
            {
                problems.Add(new FieldMessage(nameof(input.AccessedOn), "Enter the day the address was read as 2021-12-05, not in the future, or leave it empty."));
            }
        }

        var archiveUrl = WebAddress(input.ArchiveUrl, nameof(input.ArchiveUrl), problems);
        if (!TryParseName<SourceKind>(input.Kind, out var kind))
        {
            problems.Add(new FieldMessage(nameof(input.Kind), "Choose the kind of document."));
        }

        var text = input.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new FieldMessage(nameof(input.Text), "Paste the document's text."));
        }
        else if (text.Length > TextMaxLength)
        {
            problems.Add(new FieldMessage(nameof(input.Text), string.Create(CultureInfo.InvariantCulture, $"The text is {text.Length:N0} characters long; the limit is {TextMaxLength:N0}.")));
        }

        SourceLink? duplicate = null;
        string? hash = null;
        if (problems.Count == 0)
        {
            hash = SeedImporter.ContentHash(text!);
            duplicate = await db.Sources.AsNoTracking().Where(s => s.ContentHash == hash)
                .Select(s => new SourceLink(s.Id, s.Title)).FirstOrDefaultAsync(cancellationToken);
            if (duplicate is not null)
            {
                problems.Add(new FieldMessage(nameof(input.Text), "This text is already in the archive."));
            }
        }

        if (problems.Count > 0)
        {
            return new AddSourceOutcome(null, problems, duplicate);
        }

        var source = new Source
        {
            // Seeds are keyed by their file name; a pasted document has none, so its key only has to be unique.
            Key = "desk-" + Guid.NewGuid().ToString("N"),
            Slug = Slugs.From(title),
            Title = title!,
            Kind = kind,
            Publisher = publisher!,
            Author = author,
            PublishedOn = date,
            OriginalUrl = url,
            ArchiveUrl = archiveUrl,
            AccessedOn = accessedOn,
            Language = language!,
            Text = text!,
            ContentHash = hash!,
            ImportedAtUtc = DateTime.UtcNow,
        };
        db.Sources.Add(source);
        db.Attribution = new ChangeAttribution(editor, "Added from the desk");
        await db.SaveChangesAsync(cancellationToken);
        return new AddSourceOutcome(source.Id, []);
    }

    public async Task<SourceDeskModel?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var source = await db.Sources.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return null;
        }

        var candidates = await CandidateSuggestions.ForTextAsync(db, source.Text, cancellationToken: cancellationToken);
        var claims = await db.ClaimAppearances.AsNoTracking().Where(a => a.Passage.SourceId == id)
            .Select(a => new ClaimChoice(a.ClaimId, a.Claim.Summary)).Distinct().ToListAsync(cancellationToken);
        var lost = await db.Passages.CountAsync(p => p.SourceId == id && p.LostAtUtc != null, cancellationToken);
        return new SourceDeskModel(
            source.Id, source.Title, source.Publisher, source.Author, source.PublishedOn, source.Kind, source.OriginalUrl, source.ArchiveUrl,
            source.Language, source.ContentHash, SiteUrls.Source(source.Id, source.Slug), Paragraphs(source.Text), candidates,
            claims.OrderBy(c => c.Id).ToList())
        {
            Text = source.Text,
            AccessedOn = source.AccessedOn,
            LostPassages = lost,
        };
    }

    /// <summary>
    /// Replaces a source's text with a correction in one save: the new text and hash, every cited passage found
    /// again or flagged (<see cref="PassageReanchoring"/>), and revisions carrying the editor's reason. Refused,
    /// never merged, when the text changed since the editor opened it: their correction was made on other words.
    /// </summary>
    public async Task<CorrectTextOutcome> CorrectTextAsync(int sourceId, CorrectTextInput input, string editor, CancellationToken cancellationToken = default)
    {
        // The hash check and the save in one write transaction (SQLite's BEGIN IMMEDIATE, the source's advisory lock
        // on PostgreSQL), so a colleague's correction cannot land between the check and ours and be overwritten.
        return await WriteTransaction.RunAsync(db, WriteLock.Source(sourceId), ct => CorrectTextCoreAsync(sourceId, input, editor, ct), outcome => outcome.Saved, cancellationToken);
    }

    private async Task<CorrectTextOutcome> CorrectTextCoreAsync(int sourceId, CorrectTextInput input, string editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = await db.Sources.Include(s => s.Passages).SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return CorrectTextOutcome.Refused("That source does not exist.");
        }

        if (!string.Equals(input.BaseHash, source.ContentHash, StringComparison.Ordinal))
        {
            return CorrectTextOutcome.Refused(StaleCorrection);
        }

        var problems = new List<FieldMessage>();
        var reason = Required(input.Reason, nameof(input.Reason), "Say why the text is corrected: readers and editors see it in the history.", 500, problems);
        var text = input.Text;
        string? hash = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new FieldMessage(nameof(input.Text), "Paste the document's corrected text."));
        }
        else if (text.Length > TextMaxLength)
        {
            problems.Add(new FieldMessage(nameof(input.Text), string.Create(CultureInfo.InvariantCulture, $"The text is {text.Length:N0} characters long; the limit is {TextMaxLength:N0}.")));
        }
        else if ((hash = SeedImporter.ContentHash(text)) == source.ContentHash)
        {
            problems.Add(new FieldMessage(nameof(input.Text), "The text is unchanged: correct it before saving."));
        }

        if (problems.Count > 0)
        {
            return CorrectTextOutcome.Invalid(problems);
        }

        var outcome = PassageReanchoring.Apply(source.Passages, text!, DateTime.UtcNow);
        if (!outcome.Applied)
        {
            return CorrectTextOutcome.Refused("Nothing was saved: " + string.Join(" ", outcome.Conflicts) + " Resolve that passage in the lost-passages queue first.");
        }

        (source.Text, source.ContentHash) = (text!, hash!);
        db.Attribution = new ChangeAttribution(editor, reason);
        if (!await TrySaveAsync(cancellationToken))
        {
            // Not a colleague's correction (the transaction holds the write lock): a unique span refused, as when two
            // cited passages trade places and one would briefly stand on the other's words.
            return CorrectTextOutcome.Refused(SpanConflict);
        }

        return new CorrectTextOutcome(true, outcome.Found.Count, outcome.Lost.Count, null, []);
    }

    /// <summary>"Text corrected: 3 passages found again, 1 could not be found and is flagged."</summary>
    public static string CorrectionSummary(int found, int lost) => string.Create(
        CultureInfo.InvariantCulture,
        $"Text corrected: {found} {(found == 1 ? "passage" : "passages")} found again, {lost} could not be found and {(lost == 1 ? "is" : "are")} flagged.");

    public const string SpanConflict = "Nothing was saved: the corrected text would put two cited passages on the same words at once (two quotes trading places, for instance). Make the correction in two smaller steps.";

    public const string StaleCorrection = "Someone else corrected this text since you opened it. Nothing was saved: reload the page and make your correction on the current text.";

    /// <summary>
    /// The text cut at its line breaks, each run with its offset in the stored text: the page renders the runs
    /// as paragraphs whose data-start lets the selection script turn a selection back into offsets.
    /// </summary>
    public static IReadOnlyList<TextParagraph> Paragraphs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = new List<TextParagraph>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                paragraphs.Add(new TextParagraph(start, text[start..end]));
            }

            start = end + 1;
        }

        return paragraphs;
    }

    /// <summary>Creates a claim from a candidate, with its claimant and its appearance in this source.</summary>
    public async Task<DeskActionOutcome> CreateClaimAsync(int sourceId, CandidateInput candidate, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var (source, span, refusal) = await CandidateSpanAsync(sourceId, candidate, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var speaker = candidate.Speaker?.Trim();
        if (string.IsNullOrEmpty(speaker) || speaker.Length > 200)
        {
            return DeskActionOutcome.Refused("The candidate has no speaker: add the claim by hand.");
        }

        var quote = source.Text[span.Start..span.End];
        if (quote.Length > 4000)
        {
            return DeskActionOutcome.Refused("The quote is longer than 4,000 characters: too long for one claim.");
        }

        var claimant = await ClaimantAsync(speaker, Truncate(candidate.Role?.Trim(), 200), cancellationToken);
        var summary = SummaryOf(quote);
        var claim = new Claim
        {
            Key = "desk-" + Guid.NewGuid().ToString("N"),
            Slug = Slugs.From(summary),
            Quote = quote,
            IsVerbatim = true,
            Summary = summary,
            Claimant = claimant,
            SaidOn = source.PublishedOn,
            CreatedAtUtc = DateTime.UtcNow,
        };
        if (await PassageAsync(source, span, cancellationToken) is not { } cited)
        {
            db.ChangeTracker.Clear();
            return DeskActionOutcome.Refused(LostSpan);
        }

        db.Claims.Add(claim);
        db.ClaimAppearances.Add(new ClaimAppearance { Claim = claim, Passage = cited });
        db.Attribution = new ChangeAttribution(editor, $"Created from a quote in source {source.Id}");
        if (!await TrySaveAsync(cancellationToken))
        {
            return DeskActionOutcome.Refused(ConcurrentChange);
        }

        return DeskActionOutcome.Done(claim.Id);
    }

    /// <summary>Records that an existing claim appears in this source at the candidate's words.</summary>
    public async Task<DeskActionOutcome> AddAppearanceAsync(int sourceId, CandidateInput candidate, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var (source, span, refusal) = await CandidateSpanAsync(sourceId, candidate, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!int.TryParse(candidate.ClaimId, NumberStyles.None, CultureInfo.InvariantCulture, out var claimId)
            || !await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            return DeskActionOutcome.Refused("Choose an existing claim for the appearance.");
        }

        if (await PassageAsync(source, span, cancellationToken) is not { } passage)
        {
            return DeskActionOutcome.Refused(LostSpan);
        }

        if (passage.Id != 0 && await db.ClaimAppearances.AnyAsync(a => a.ClaimId == claimId && a.PassageId == passage.Id, cancellationToken))
        {
            return DeskActionOutcome.Refused($"Claim {claimId} already appears at this passage.");
        }

        db.ClaimAppearances.Add(new ClaimAppearance { ClaimId = claimId, Passage = passage });
        db.Attribution = new ChangeAttribution(editor, $"Appearance in source {source.Id}");
        if (!await TrySaveAsync(cancellationToken))
        {
            return DeskActionOutcome.Refused(ConcurrentChange);
        }

        return DeskActionOutcome.Done(claimId);
    }

    /// <summary>Cites a passage of this source as evidence on a claim.</summary>
    public async Task<DeskActionOutcome> AddEvidenceAsync(int sourceId, EvidenceInput input, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return DeskActionOutcome.Refused("That source does not exist.");
        }

        var problems = new List<FieldMessage>();
        if (!int.TryParse(input.ClaimId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var claimId)
            || !await db.Claims.AnyAsync(c => c.Id == claimId, cancellationToken))
        {
            problems.Add(new FieldMessage(nameof(input.ClaimId), "Enter the number of an existing claim."));
        }

        if (!TryParseName<Stance>(input.Stance, out var stance))
        {
            problems.Add(new FieldMessage(nameof(input.Stance), "Choose whether the passage contradicts, supports or adds context."));
        }

        var organization = Required(input.Organization, nameof(input.Organization), "Enter whose finding this is.", 200, problems);
        var note = Optional(input.Note, nameof(input.Note), 2000, problems) ?? "";
        var foundOn = source.PublishedOn;
        if (!string.IsNullOrWhiteSpace(input.FoundOn) && !ReportedDate.TryParse(input.FoundOn, out foundOn))
        {
            problems.Add(new FieldMessage(nameof(input.FoundOn), "Enter the date as 2021-12-05, 2021-12 or 2021, or leave it empty for the source's date."));
        }

        var span = PassageSpan(source.Text, input, problems);
        if (problems.Count > 0)
        {
            return DeskActionOutcome.Invalid(problems);
        }

        if (await PassageAsync(source, span!.Value, cancellationToken) is not { } passage)
        {
            return DeskActionOutcome.Refused(LostSpan);
        }

        if (passage.Id != 0 && await db.Evidence.AnyAsync(e => e.ClaimId == claimId && e.PassageId == passage.Id, cancellationToken))
        {
            return DeskActionOutcome.Refused($"This passage is already evidence on claim {claimId}.");
        }

        db.Evidence.Add(new Evidence { ClaimId = claimId, Passage = passage, Stance = stance, Organization = organization!, Note = note, FoundOn = foundOn });
        db.Attribution = new ChangeAttribution(editor, $"Evidence from source {source.Id}");
        if (!await TrySaveAsync(cancellationToken))
        {
            return DeskActionOutcome.Refused(ConcurrentChange);
        }

        return DeskActionOutcome.Done(claimId);
    }

    /// <summary>
    /// Where the evidence passage is: at the posted offsets when they hold the posted words, otherwise the one
    /// place the words occur. Line breaks are compared loosely because browsers post them as CRLF whatever the
    /// stored text holds; what is saved is always the stored text's own span.
    /// </summary>
    private static (int Start, int End)? PassageSpan(string text, EvidenceInput input, List<FieldMessage> problems)
    {
        var passage = input.Passage;
        if (string.IsNullOrWhiteSpace(passage))
        {
            problems.Add(new FieldMessage(nameof(input.Passage), "Select the passage in the text, or paste it here exactly as it appears."));
            return null;
        }

        if (!string.IsNullOrEmpty(input.Start) || !string.IsNullOrEmpty(input.End))
        {
            if (VerifiedSpan(text, input.Start, input.End, passage) is { } posted)
            {
                return posted;
            }

            problems.Add(new FieldMessage(nameof(input.Passage), "The selected passage does not match the source's text: select it again."));
            return null;
        }

        var found = Occurrences(text, passage);
        if (found.Count == 0 && passage.Contains('\r', StringComparison.Ordinal))
        {
            found = Occurrences(text, passage.Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        switch (found.Count)
        {
            case 0:
                problems.Add(new FieldMessage(nameof(input.Passage), "The passage is not in the source's text: paste it exactly as it appears."));
                return null;
            case > 1:
                problems.Add(new FieldMessage(nameof(input.Passage), $"The passage occurs {found.Count} times in the text: paste a longer passage that occurs once."));
                return null;
            default:
                return found[0];
        }
    }

    private static List<(int Start, int End)> Occurrences(string text, string passage)
    {
        var found = new List<(int, int)>();
        for (var at = text.IndexOf(passage, StringComparison.Ordinal); at >= 0; at = text.IndexOf(passage, at + 1, StringComparison.Ordinal))
        {
            found.Add((at, at + passage.Length));
        }

        return found;
    }

    /// <summary>The posted offsets, if they are numbers inside the text and the text there is the posted words.</summary>
    /// <summary>The source and the candidate's words in its stored text, or why the candidate is refused.</summary>
    private async Task<(Source Source, (int Start, int End) Span, DeskActionOutcome? Refusal)> CandidateSpanAsync(
        int sourceId, CandidateInput candidate, CancellationToken cancellationToken)
    {
        var source = await db.Sources.SingleOrDefaultAsync(s => s.Id == sourceId, cancellationToken);
        if (source is null)
        {
            return (null!, default, DeskActionOutcome.Refused("That source does not exist."));
        }

        return VerifiedSpan(source.Text, candidate.Start, candidate.End, candidate.Quote) is { } span
            ? (source, span, null)
            : (source, default, DeskActionOutcome.Refused("The candidate does not match the source's text: reload the page and try again."));
    }

    private static (int Start, int End)? VerifiedSpan(string text, string? startText, string? endText, string? words)
    {
        if (!int.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start >= end || end > text.Length || string.IsNullOrEmpty(words))
        {
            return null;
        }

        return LineBreaksAsOne(text[start..end]) == LineBreaksAsOne(words) ? (start, end) : null;
    }

    /// <summary>
    /// The text with each run of line breaks as one LF: a browser posts CRLF, and a selection across paragraphs
    /// reads as one or two LFs whatever the stored text holds between them. Only line breaks are loose.
    /// </summary>
    private static string LineBreaksAsOne(string text) => LineBreakRuns().Replace(text, "\n");

    [System.Text.RegularExpressions.GeneratedRegex(@"[\r\n]+")]
    private static partial System.Text.RegularExpressions.Regex LineBreakRuns();

    private const string LostSpan = "A flagged passage (no longer in the corrected text) still holds exactly these offsets, so they cannot be cited again yet: resolve it in the lost-passages queue, or select a slightly longer or shorter passage.";

    /// <summary>
    /// The passage already cited at these offsets (one per span, as the index requires), or a new one; null when
    /// the span belongs to a flagged passage.
    /// </summary>
    private async Task<Passage?> PassageAsync(Source source, (int Start, int End) span, CancellationToken cancellationToken)
    {
        var existing = await db.Passages.SingleOrDefaultAsync(p => p.SourceId == source.Id && p.Start == span.Start && p.End == span.End, cancellationToken);
        if (existing is { LostAtUtc: not null })
        {
            // Its offsets are stale and its quote is other words: citing it would show the wrong quote.
            return null;
        }

        if (existing is not null)
        {
            return existing;
        }

        var located = PassageLocator.At(source.Text, span.Start, span.End - span.Start);
        var passage = new Passage { Source = source, Start = located.Start, End = located.End, Exact = located.Exact, Prefix = located.Prefix, Suffix = located.Suffix };
        db.Passages.Add(passage);
        return passage;
    }

    /// <summary>The claimant of that name, or a new person: the finder gives names, and most speakers are people.</summary>
    private async Task<Claimant> ClaimantAsync(string name, string? role, CancellationToken cancellationToken)
    {
        var existing = await db.Claimants.FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var baseSlug = Slugs.From(name);
        var slug = baseSlug;
        for (var n = 2; await db.Claimants.AnyAsync(c => c.Slug == slug, cancellationToken); n++)
        {
            slug = string.Create(CultureInfo.InvariantCulture, $"{baseSlug}-{n}");
        }

        var claimant = new Claimant { Name = name, Slug = slug, Kind = ClaimantKind.Person, Role = role };
        db.Claimants.Add(claimant);
        return claimant;
    }

    /// <summary>A first summary: the quote's first sentence, cut at a word, for the editor to rewrite on the verdict form.</summary>
    public static string SummaryOf(string quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        var flat = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var sentenceEnd = -1;
        for (var i = 0; i < flat.Length - 1; i++)
        {
            if (flat[i] is '.' or '!' or '?' && flat[i + 1] == ' ')
            {
                sentenceEnd = i + 1;
                break;
            }
        }

        var sentence = sentenceEnd > 0 ? flat[..sentenceEnd] : flat;
        if (sentence.Length <= SummaryMaxLength)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', SummaryMaxLength - 1);
        return (cut > 0 ? sentence[..cut] : sentence[..(SummaryMaxLength - 1)]) + "…";
    }

    private static string? Required(string? value, string field, string message, int maxLength, List<FieldMessage> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add(new FieldMessage(field, message));
            return null;
        }

        return Optional(trimmed, field, maxLength, problems);
    }

    private static string? Optional(string? value, string field, int maxLength, List<FieldMessage> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            problems.Add(new FieldMessage(field, $"At most {maxLength} characters."));
        }

        return trimmed;
    }

    private static string? WebAddress(string? value, string field, List<FieldMessage> problems)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        // Only web addresses: a javascript: or data: link would run in the reader's page when clicked.
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || trimmed.Length > 2000)
        {
            problems.Add(new FieldMessage(field, "Enter a web address starting with http:// or https://."));
            return null;
        }

        return trimmed;
    }

    /// <summary>One of the enum's names exactly: Enum.TryParse alone also takes numbers and case variants.</summary>
    private static bool TryParseName<T>(string? value, out T parsed)
        where T : struct, Enum
    {
        parsed = default;
        return value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal) && Enum.TryParse(value, out parsed);
    }

    private static bool IsLanguageTag(string tag) =>
        tag.Split('-').All(part => part.Length is >= 1 and <= 8 && part.All(char.IsAsciiLetterOrDigit)) && char.IsAsciiLetter(tag[0]);

    private static string? Truncate(string? value, int maxLength) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= maxLength ? value : value[..maxLength];

    private const string ConcurrentChange = "A colleague saved the same passage at the same moment; nothing of yours was saved. Reload the page and try again.";

    /// <summary>
    /// Saves, or reports a unique index that a colleague's simultaneous save filled first (the same passage,
    /// appearance or evidence): a message, not a 500, and nothing half-saved, since the save is one transaction.
    /// </summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
