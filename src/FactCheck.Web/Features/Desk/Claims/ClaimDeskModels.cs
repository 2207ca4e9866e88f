using FactCheck.Data.Entities;
using FactCheck.Web.Features.Account;

namespace FactCheck.Web.Features.Desk.Claims;

/// <summary>What the "Edit the claim" form posts. Strings, so that bad input reaches the rules and gets a message.</summary>
public sealed class ClaimEditInput
{
    public string? Summary { get; set; }

    public string? Quote { get; set; }

    public bool IsVerbatim { get; set; }

    public string? SaidOn { get; set; }

    public string? SaidWhere { get; set; }

    public string? Reason { get; set; }

    /// <summary>The claim's newest revision number when the form was opened: a save since then means someone else changed it.</summary>
    public string? Revision { get; set; }
}

/// <summary>What the "Retract" form posts.</summary>
public sealed class RetractInput
{
    public string? Reason { get; set; }

    public bool Confirm { get; set; }
}

/// <summary>What the "Merge into another claim" form posts: the survivor's id or its URL, and an optional note.</summary>
public sealed class MergeInput
{
    public string? Target { get; set; }

    public string? Note { get; set; }
}

/// <summary>Everything the claim desk page shows about the claim.</summary>
public sealed record ClaimDeskModel(
    int Id,
    string Slug,
    string Summary,
    string Quote,
    bool IsVerbatim,
    ReportedDate SaidOn,
    string? SaidWhere,
    string ClaimantName,
    int Revision,
    DateTime? RetractedAtUtc,
    string? RetractionReason,
    string? RetractedBy,
    int? MergedIntoId,
    DateTime? MergedAtUtc)
{
    public bool IsRetracted => RetractedAtUtc is not null;

    public bool IsMerged => MergedIntoId is not null;
}

public enum ClaimDeskResult
{
    Saved,
    Invalid,
    Refused,
    Stale,
    Forbidden,
    NotFound,
}

/// <summary>
/// The result of a claim action: saved, or why not, with messages at the fields. <see cref="ClaimDeskResult.Stale"/>:
/// someone else saved the claim since the form was opened, and nothing of this post was saved.
/// </summary>
public sealed record ClaimDeskOutcome(ClaimDeskResult Result, string? Message, IReadOnlyList<FieldMessage> Problems)
{
    public bool Succeeded => Result == ClaimDeskResult.Saved;

    public static ClaimDeskOutcome Saved(string message) => new(ClaimDeskResult.Saved, message, []);

    public static ClaimDeskOutcome Invalid(IReadOnlyList<FieldMessage> problems) => new(ClaimDeskResult.Invalid, "Nothing was saved: correct the fields marked below.", problems);

    public static ClaimDeskOutcome Refused(string message) => new(ClaimDeskResult.Refused, message, []);

    public static ClaimDeskOutcome Stale { get; } = new(ClaimDeskResult.Stale, "Someone else changed this claim since you opened it. Nothing of yours was saved: the form now shows the current values.", []);

    public static ClaimDeskOutcome Forbidden { get; } = new(ClaimDeskResult.Forbidden, "Only a chief editor may retract or merge a claim.", []);

    public static ClaimDeskOutcome NotFound { get; } = new(ClaimDeskResult.NotFound, "This claim does not exist.", []);
}
