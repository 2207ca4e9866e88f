using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace FactCheck.Web.Features.Api.Editor;

/// <summary>
/// The working draft's entity tag: its record id and its concurrency token (<c>"d12.v3"</c>), or <c>"none"</c> when
/// the claim has no working draft. Both parts matter: after a publication a new draft starts again at version 1,
/// so a version alone could match a draft its sender never saw. With no draft, the tag names the published
/// verdict GET shows beside it (<c>"none.p42v3"</c>), so a new publication is never answered 304.
/// </summary>
public readonly partial record struct DraftETag(int? DraftId, int? Version, int? PublishedId = null, int? PublishedVersion = null)
{
    public static DraftETag None { get; } = new(null, null);

    /// <summary>The tag of a claim without a working draft, showing <paramref name="published"/> (null: none).</summary>
    public static DraftETag NoDraft(Desk.Verdicts.PublishedVerdictSummary? published) =>
        published is null ? None : new DraftETag(null, null, published.Id, published.Version);

    public bool IsNoDraft => DraftId is null;

    public override string ToString() => (DraftId, Version, PublishedId, PublishedVersion) switch
    {
        ({ } id, { } version, _, _) => string.Create(CultureInfo.InvariantCulture, $"\"d{id}.v{version}\""),
        (null, _, { } published, { } publishedVersion) => string.Create(CultureInfo.InvariantCulture, $"\"none.p{published}v{publishedVersion}\""),
        _ => "\"none\"",
    };

    /// <summary>
    /// The drafts an If-Match header names, strong tags only (a weak tag never matches for a write, RFC 9110
    /// 13.1.1). Null when the header is missing or is <c>*</c>: the API wants the version the client read.
    /// </summary>
    public static IReadOnlyList<DraftETag>? FromIfMatch(IList<string> values)
    {
        if (values.Count == 0 || !EntityTagHeaderValue.TryParseList(values, out var tags) || tags.Count == 0 || tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }

        var drafts = new List<DraftETag>();
        foreach (var tag in tags.Where(t => !t.IsWeak))
        {
            var text = tag.Tag.ToString();
            if (text == "\"none\"")
            {
                drafts.Add(None);
            }
            else if (NonePattern().Match(text) is { Success: true } none
                && int.TryParse(none.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var publishedId)
                && int.TryParse(none.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var publishedVersion))
            {
                drafts.Add(new DraftETag(null, null, publishedId, publishedVersion));
            }
            else if (Pattern().Match(text) is { Success: true } match
                && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                drafts.Add(new DraftETag(id, version));
            }
        }

        return drafts;
    }

    [GeneratedRegex("^\"d([0-9]{1,9})\\.v([0-9]{1,9})\"$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^\"none\\.p([0-9]{1,9})v([0-9]{1,9})\"$")]
    private static partial Regex NonePattern();
}
