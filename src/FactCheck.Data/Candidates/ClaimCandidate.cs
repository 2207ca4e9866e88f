namespace FactCheck.Data.Candidates;

/// <summary>
/// A quoted statement found in a document's text and the person or organisation the text says made it.
/// <see cref="Start"/> and <see cref="End"/> are UTF-16 offsets into the text the finder was given, End
/// exclusive, so that <c>text[Start..End] == Quote</c>. They cover the quoted words only: not the quotation
/// marks, not the whitespace inside them, and not a trailing comma that belongs to the reporter's sentence
/// ("…opposition,” he said"). A quote that runs over several paragraphs keeps the paragraph breaks and the
/// opening mark that starts each continued paragraph, since the quote must stay one verbatim substring.
/// </summary>
/// <param name="Speaker">The name as the text gives it, completed from an earlier mention in the same text when
/// the attribution uses only a surname ("Bachelet said" after "Michelle Bachelet, the UN High Commissioner").</param>
/// <param name="Role">The speaker's role when the text gives one ("Taliban spokesman", "the UN High Commissioner"); null otherwise.</param>
public sealed record ClaimCandidate(string Speaker, string? Role, string Quote, int Start, int End);

/// <summary>An existing claim that may make the same assertion as a candidate.</summary>
/// <param name="Score">How closely the claim's text matches the candidate's quote (the full-text index's bm25, as a
/// positive number): higher is closer. Comparable between the suggestions for one candidate, not across candidates.</param>
public sealed record SimilarExistingClaim(int Id, string Summary, string Quote, double Score);

/// <summary>A candidate with the existing claims it may repeat, as the editors' desk and the command list them.</summary>
public sealed record CandidateSuggestion(ClaimCandidate Candidate, IReadOnlyList<SimilarExistingClaim> Similar);
