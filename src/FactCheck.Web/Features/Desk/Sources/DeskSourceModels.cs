using FactCheck.Data.Candidates;
using FactCheck.Data.Entities;
using FactCheck.Web.Features.Account;

namespace FactCheck.Web.Features.Desk.Sources;

/// <summary>What the "Add a source" form posts. Strings throughout, so that bad input reaches the rules and gets a message.</summary>
public sealed class NewSourceInput
{
    public string? Title { get; set; }

    public string? Publisher { get; set; }

    public string? Author { get; set; }

    public string? Date { get; set; }

    public string? Kind { get; set; } = nameof(SourceKind.NewsArticle);

    public string? Url { get; set; }

    public string? ArchiveUrl { get; set; }

    public string? Language { get; set; } = "en";

    /// <summary>The day the original URL was read, YYYY-MM-DD; the form starts it at today.</summary>
    public string? AccessedOn { get; set; }

    public string? Text { get; set; }
}

/// <summary>What the "Correct the text" form posts: the whole corrected text, why, and the hash of the text it started from.</summary>
public sealed class CorrectTextInput
{
    public string? Text { get; set; }

    public string? Reason { get; set; }

    /// <summary>The ContentHash the page showed: a correction saved since then makes this one stale.</summary>
    public string? BaseHash { get; set; }
}

/// <summary>The result of a correction: how many cited passages were found again and how many are flagged, or why nothing was saved.</summary>
public sealed record CorrectTextOutcome(bool Saved, int Found, int Lost, string? Message, IReadOnlyList<FieldMessage> Problems)
{
    public static CorrectTextOutcome Refused(string message) => new(false, 0, 0, message, []);

    public static CorrectTextOutcome Invalid(IReadOnlyList<FieldMessage> problems) => new(false, 0, 0, "Nothing was saved: correct the fields marked below.", problems);
}

/// <summary>What the "Add evidence" form posts; Start and End are filled by the selection script when it runs.</summary>
public sealed class EvidenceInput
{
    public string? ClaimId { get; set; }

    public string? Stance { get; set; } = nameof(FactCheck.Data.Entities.Stance.Contradicts);

    public string? Organization { get; set; }

    public string? Note { get; set; }

    public string? FoundOn { get; set; }

    public string? Passage { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }
}

/// <summary>A candidate as <see cref="CandidateList"/> posts it, plus the button pressed.</summary>
public sealed record CandidateInput(string? Speaker, string? Role, string? Quote, string? Start, string? End, string? ClaimId, string? Intent);

/// <summary>The result of adding a source: its id, or the messages at the fields and the source it duplicates.</summary>
public sealed record AddSourceOutcome(int? SourceId, IReadOnlyList<FieldMessage> Problems, SourceLink? Duplicate = null);

/// <summary>The result of a claim or evidence action: the claim it touched, or one message saying why nothing was saved.</summary>
public sealed record DeskActionOutcome(int? ClaimId, string? Message, IReadOnlyList<FieldMessage> Problems)
{
    /// <summary>The evidence item an action added, for callers that link to it (the editors' API's Location).</summary>
    public int? EvidenceId { get; init; }

    public bool Succeeded => ClaimId is not null;

    public static DeskActionOutcome Done(int claimId) => new(claimId, null, []);

    public static DeskActionOutcome Refused(string message) => new(null, message, []);

    public static DeskActionOutcome Invalid(IReadOnlyList<FieldMessage> problems) => new(null, "Nothing was saved: correct the fields marked below.", problems);
}

public sealed record SourceLink(int Id, string Title);

public sealed record SourceListRow(int Id, string Title, string Publisher, ReportedDate PublishedOn, DateTime ImportedAtUtc);

/// <summary>A run of the text between line breaks and where it starts in the stored text.</summary>
public sealed record TextParagraph(int Start, string Text);

public sealed record ClaimChoice(int Id, string Summary);

/// <summary>Everything the source desk page shows.</summary>
public sealed record SourceDeskModel(
    int Id,
    string Title,
    string Publisher,
    string? Author,
    ReportedDate PublishedOn,
    SourceKind Kind,
    string? OriginalUrl,
    string? ArchiveUrl,
    string Language,
    string ContentHash,
    string PublicUrl,
    IReadOnlyList<TextParagraph> Paragraphs,
    IReadOnlyList<CandidateSuggestion> Candidates,
    IReadOnlyList<ClaimChoice> ClaimsInSource)
{
    /// <summary>The stored text as it is, for the correction form to start from.</summary>
    public string Text { get; init; } = "";

    public DateOnly? AccessedOn { get; init; }

    /// <summary>This source's cited passages that its text no longer holds.</summary>
    public int LostPassages { get; init; }
}

/// <summary>
/// A claim entered by hand through the editors' API: what was said, as a passage of an archived source (its exact
/// words, with offsets when there is more than one occurrence), and who said it.
/// </summary>
public sealed class NewClaimInput
{
    public string? Quote { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    /// <summary>An existing claimant's slug; or leave it out and give <see cref="Speaker"/>.</summary>
    public string? Claimant { get; set; }

    /// <summary>The speaker's name: the claimant of that name, or a new person.</summary>
    public string? Speaker { get; set; }

    public string? Role { get; set; }

    /// <summary>Left out: the quote's first sentence.</summary>
    public string? Summary { get; set; }

    /// <summary>Left out: the source's date.</summary>
    public string? SaidOn { get; set; }
}
