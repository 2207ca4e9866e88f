using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Citations;

/// <summary>
/// What a citation names, in one shape for every style and file format: a claim page (a web page by the site)
/// or an archived document (cited at one of its passages or as a whole).
/// </summary>
/// <param name="Key">The citation key and file name: "factcheck-claim-12"; ASCII letters, digits and hyphens only.</param>
/// <param name="Title">As written (sentence case), without a closing full stop: each style adds its own punctuation.</param>
/// <param name="Author">A named author distinct from the publisher, as written; null when the publisher is the author
/// (every claim page, and every archived document whose byline is unknown).</param>
/// <param name="Publisher">The website or organisation that published the work.</param>
/// <param name="Issued">To the precision known; null when there is none (a claim still under review).</param>
/// <param name="Url">The absolute permalink.</param>
/// <param name="ChangesOverTime">A page whose content is revised (a claim's verdict): APA and MLA then want the
/// day it was read. An archived document's text is fixed, so its own date is enough.</param>
public sealed record CitedWork(
    string Key,
    string Title,
    string? Author,
    string Publisher,
    ReportedDate? Issued,
    string Url,
    bool ChangesOverTime)
{
    /// <summary>Who the styles put first: the named author, else the publisher as a group author.</summary>
    public string Creator => Author ?? Publisher;

    /// <summary>Whether the styles name the accessed date: for a revised page, or one whose date is unknown.</summary>
    public bool NeedsAccessedDate => ChangesOverTime || Issued is null;
}

/// <summary>One formatted citation: plain text to paste, and HTML with the style's italics to show and select.</summary>
public sealed record FormattedCitation(string Style, string Text, string Html);
