using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FactCheck.Data.Text;

/// <summary>
/// Turns editor-written Markdown (verdict rationales) into HTML that is safe to insert into a page.
/// Raw HTML is escaped by the pipeline; link and image URLs are limited to http, https, mailto and
/// relative references, because DisableHtml alone still lets javascript: and data: URLs through.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>
    /// Longest input rendered. Longer input is truncated with a visible note rather than rejected, so a
    /// page never fails because a rationale grew; the database column has the same limit.
    /// </summary>
    public const int MaxInputLength = 20_000;

    /// <summary>The note appended to truncated input, so readers know text is missing.</summary>
    public const string TruncationNote = "*[The rest of this text is too long to display.]*";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // Built once and shared: pipelines are immutable and thread-safe once built. Extensions are chosen
    // one by one instead of UseAdvancedExtensions: its generic attributes ({onclick=...}) would let an
    // author add arbitrary HTML attributes, and media links would embed iframes.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseFootnotes()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Injected as a service so pages and tests share one instance API.")]
    public string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (markdown.Length > MaxInputLength)
        {
            var cut = MaxInputLength;
            if (char.IsHighSurrogate(markdown[cut - 1]))
            {
                cut--;
            }

            markdown = string.Concat(markdown.AsSpan(0, cut), "\n\n", TruncationNote);
        }

        var document = Markdown.Parse(markdown, Pipeline);
        Neutralise(document);
        return document.ToHtml(Pipeline);
    }

    /// <summary>
    /// True for URLs a reader's browser may follow: http, https, mailto, and scheme-less (relative or
    /// #fragment) references. Browsers ignore tabs and newlines inside URLs and leading control
    /// characters and spaces, so those are removed before the scheme is read.
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var cleaned = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        var end = cleaned.IndexOfAny([':', '/', '?', '#']);
        if (end < 0 || cleaned[end] != ':')
        {
            return true;
        }

        var scheme = cleaned[..end];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True for a URL a document record may link to: absolute http or https. Stored document URLs are
    /// rendered as links, so they get a stricter rule than Markdown (no mailto, nothing relative).
    /// </summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// How far headings are shifted down. Rationales render inside a page section under the page's
    /// h1 and the verdict's h2, so an author's "# Background" becomes an h3 and the outline stays whole.
    /// </summary>
    public const int HeadingShift = 2;

    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + HeadingShift);
        }

        // Stryker disable once all : equivalent, Markdig 1.4.1 copies a definition's URL into its reference links while parsing
        // Nothing rendered reads a definition after parsing, so the link walk below is the check that holds
        // for reference links; see docs/mutation-testing.md.
        foreach (var definition in document.Descendants<LinkReferenceDefinition>())
        {
            if (!IsSafeUrl(definition.Url))
            {
                definition.Url = string.Empty;
            }
        }

        // Materialised first: the walk below changes the tree.
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var url = link.GetDynamicUrl?.Invoke() ?? link.Url;
            if (IsSafeUrl(url))
            {
                continue;
            }

            if (link.IsImage)
            {
                link.ReplaceBy(new LiteralInline(PlainText(link)), copyChildren: false);
            }
            else
            {
                // Keep the words, drop the link.
                var children = link.ToList();
                foreach (var child in children)
                {
                    child.Remove();
                    link.InsertBefore(child);
                }

                link.Remove();
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            // Stryker disable once String : equivalent, an email autolink's address holds no colon, so it is safe with or without "mailto:"
            var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
            if (!IsSafeUrl(url))
            {
                // Stryker disable once Boolean : equivalent, an autolink is a leaf inline with no children to copy
                autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
            }
        }
    }

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
