using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FactCheck.Data.Entities;

namespace FactCheck.Web.Features.Citations;

/// <summary>
/// Formats a <see cref="CitedWork"/> in APA 7, MLA 9 and Chicago (17th edition, notes and bibliography: the
/// bibliography entry), and writes it as BibTeX, RIS and CSL-JSON. Pure: the accessed date is passed in, so the
/// same work and day always give the same text. Names are used as written: the archive stores an author as one
/// string and cannot tell a surname from a given name, so none is inverted to "Surname, I.".
/// </summary>
public static class CitationFormatter
{
    public const string Apa = "APA 7";
    public const string Mla = "MLA 9";
    public const string Chicago = "Chicago";

    // MLA 9 abbreviates months longer than four letters.
    private static readonly string[] MlaMonths = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

    private static readonly string[] BibTexMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    // Words MLA and Chicago keep lower case inside a title: articles, coordinating conjunctions, short prepositions, "to" and "as".
    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via",
    };

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // A download, never placed in HTML: readable non-ASCII beats escaping it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The three styles, in the order the page shows them.</summary>
    public static IReadOnlyList<FormattedCitation> All(CitedWork work, DateOnly accessed) =>
        [FormatApa(work, accessed), FormatMla(work, accessed), FormatChicago(work, accessed)];

    /// <summary>
    /// APA 7, a web page: Author. (Date). <i>Title</i>. Site. URL. The site is left out when it is the author; a
    /// page meant to change gets "Retrieved Month D, YYYY, from URL".
    /// </summary>
    public static FormattedCitation FormatApa(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        var text = new Runs();
        text.Plain(Sentence(work.Creator)).Plain(" (").Plain(ApaDate(work.Issued)).Plain("). ");
        text.Italic(work.Title).Plain(EndsWithStop(work.Title) ? " " : ". ");
        if (work.Author is not null)
        {
            text.Plain(Sentence(work.Publisher)).Plain(" ");
        }

        text.Plain(work.NeedsAccessedDate ? $"Retrieved {LongDate(accessed)}, from {work.Url}" : work.Url);
        return text.Build(Apa);
    }

    /// <summary>
    /// MLA 9: Author. "Title." <i>Website</i>, date, URL without its scheme. Accessed D Mon. YYYY. No author when the
    /// publisher is the only one known, since MLA then starts with the title; the publisher is left out as it is the
    /// website.
    /// </summary>
    public static FormattedCitation FormatMla(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        var text = new Runs();
        if (work.Author is not null)
        {
            text.Plain(Sentence(work.Author)).Plain(" ");
        }

        text.Plain(QuotedTitle(TitleCase(work.Title))).Plain(" ").Italic(work.Publisher).Plain(", ");
        if (work.Issued is { } issued)
        {
            text.Plain(MlaDate(issued)).Plain(", ");
        }

        text.Plain(WithoutScheme(work.Url)).Plain(".");
        if (work.NeedsAccessedDate)
        {
            text.Plain($" Accessed {MlaDay(accessed)}.");
        }

        return text.Build(Mla);
    }

    /// <summary>
    /// Chicago notes and bibliography, the bibliography entry for a web page: Author. "Title." Site, Date. URL. The
    /// site is left out when it is the author; the accessed date only when the page has no date, as Chicago asks.
    /// </summary>
    public static FormattedCitation FormatChicago(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        var text = new Runs();
        text.Plain(Sentence(work.Creator)).Plain(" ").Plain(QuotedTitle(TitleCase(work.Title))).Plain(" ");
        var published = work.Issued is { } issued ? ChicagoDate(issued) : null;
        var where = work.Author is null ? published : published is null ? work.Publisher : $"{work.Publisher}, {published}";
        if (where is not null)
        {
            text.Plain(where).Plain(". ");
        }

        if (work.Issued is null)
        {
            text.Plain($"Accessed {LongDate(accessed)}. ");
        }

        text.Plain(work.Url).Plain(".");
        return text.Build(Chicago);
    }

    /// <summary>
    /// A BibTeX @misc entry, readable by BibTeX and biblatex. The title is braced twice so that styles do not
    /// lower-case its proper nouns; a group author is braced twice so that it is not split into given and family names.
    /// </summary>
    public static string ToBibTex(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        var entry = new StringBuilder();
        entry.Append("@misc{").Append(work.Key).Append(",\n");
        Field(entry, "author", work.Author is null ? "{" + BibTexText(work.Publisher) + "}" : BibTexText(work.Author));
        Field(entry, "title", "{" + BibTexText(work.Title) + "}");
        Field(entry, "howpublished", BibTexText(work.Publisher));
        if (work.Issued is { } issued)
        {
            Field(entry, "year", issued.Date.Year.ToString(CultureInfo.InvariantCulture));
            if (issued.Precision != DatePrecision.Year)
            {
                // A month is a BibTeX macro, written bare so that each style spells it its own way.
                entry.Append("  month = ").Append(BibTexMonths[issued.Date.Month - 1]).Append(",\n");
            }
        }

        Field(entry, "url", BibTexUrl(work.Url));
        Field(entry, "urldate", IsoDay(accessed));
        entry.Append("}\n");
        return entry.ToString();
    }

    /// <summary>
    /// An RIS record of type ELEC: one "TAG  - value" line each, CRLF as the format specifies, ending with "ER  - ".
    /// Values lose their line breaks, which would otherwise start lines that are not tags.
    /// </summary>
    public static string ToRis(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        var record = new StringBuilder();
        RisLine(record, "TY", "ELEC");
        RisLine(record, "AU", work.Creator);
        RisLine(record, "TI", work.Title);
        RisLine(record, "PB", work.Publisher);
        if (work.Issued is { } issued)
        {
            RisLine(record, "PY", issued.Date.Year.ToString(CultureInfo.InvariantCulture));
            RisLine(record, "DA", RisDate(issued));
        }

        RisLine(record, "UR", work.Url);
        RisLine(record, "Y2", RisDate(new ReportedDate(accessed, DatePrecision.Day)));
        record.Append("ER  - \r\n");
        return record.ToString();
    }

    /// <summary>CSL-JSON, the input of Zotero's and Pandoc's citation processors: an array of one "webpage" item.</summary>
    public static string ToCslJson(CitedWork work, DateOnly accessed)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("id", work.Key);
            json.WriteString("type", "webpage");
            json.WriteString("title", work.Title);
            json.WriteStartArray("author");
            json.WriteStartObject();

            // "literal": a name the processor prints as given, never splits.
            json.WriteString("literal", work.Creator);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("container-title", work.Publisher);
            json.WriteString("publisher", work.Publisher);
            if (work.Issued is { } issued)
            {
                WriteDateParts(json, "issued", issued);
            }

            WriteDateParts(json, "accessed", new ReportedDate(accessed, DatePrecision.Day));
            json.WriteString("URL", work.Url);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Title case for MLA and Chicago: every word capitalised but articles, conjunctions and short prepositions
    /// inside the title. Only words written all in lower case change, so "U.S.-Backed", "iPhone" and "al-Qaeda's"
    /// keep their own spelling; the first word, the last and the first after a colon are always capitalised.
    /// </summary>
    public static string TitleCase(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = title.Split(' ');
        var startsPhrase = true;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var letters = word.TrimStart('“', '‘', '"', '\'', '(', '[');
            var isLast = i == words.Length - 1;
            if (letters.Length > 0 && letters.All(c => !char.IsLetter(c) || char.IsLower(c))
                && (startsPhrase || isLast || !MinorWords.Contains(letters.TrimEnd(',', ';', ':', '.', '”', '’', '"', '\'', ')', ']'))))
            {
                var at = word.Length - letters.Length;
                words[i] = word[..at] + char.ToUpperInvariant(word[at]) + word[(at + 1)..];
            }

            startsPhrase = word.EndsWith(':') || word.EndsWith('—');
        }

        return string.Join(' ', words);
    }

    private static string ApaDate(ReportedDate? date) => date switch
    {
        null => "n.d.",
        { Precision: DatePrecision.Day } day => day.Date.ToString("yyyy, MMMM d", CultureInfo.InvariantCulture),
        { Precision: DatePrecision.Month } month => month.Date.ToString("yyyy, MMMM", CultureInfo.InvariantCulture),
        { } year => year.Date.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    private static string MlaDate(ReportedDate date) => date.Precision switch
    {
        DatePrecision.Day => MlaDay(date.Date),
        DatePrecision.Month => $"{MlaMonths[date.Date.Month - 1]} {date.Date.Year.ToString(CultureInfo.InvariantCulture)}",
        _ => date.Date.Year.ToString(CultureInfo.InvariantCulture),
    };

    private static string MlaDay(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Day} {MlaMonths[day.Month - 1]} {day.Year}");

    private static string ChicagoDate(ReportedDate date) => date.Precision switch
    {
        DatePrecision.Day => LongDate(date.Date),
        DatePrecision.Month => date.Date.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => date.Date.ToString("yyyy", CultureInfo.InvariantCulture),
    };

    private static string LongDate(DateOnly day) => day.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);

    private static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RisDate(ReportedDate date) => date.Precision switch
    {
        DatePrecision.Day => date.Date.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture),
        DatePrecision.Month => date.Date.ToString("yyyy'/'MM'//'", CultureInfo.InvariantCulture),
        _ => date.Date.ToString("yyyy'///'", CultureInfo.InvariantCulture),
    };

    private static bool EndsWithStop(string text) => text.Length > 0 && text[^1] is '.' or '?' or '!';

    // "FactCheck" becomes "FactCheck."; "Polygraph.info." does not gain a second stop.
    private static string Sentence(string text) => EndsWithStop(text) ? text : text + ".";

    // American style: the stop goes inside the closing quotation marks, a title's own inner quote included
    // ("… ‘Leave Enemy Ranks.’”); a title ending in ? or ! keeps its own mark.
    private static string QuotedTitle(string title)
    {
        if (EndsWithStop(title))
        {
            return $"“{title}”";
        }

        var closing = title.Length - title.TrimEnd('’', '\'', '”').Length;
        return $"“{title[..^closing]}.{title[^closing..]}”";
    }

    // MLA 9 drops "https://" from a URL it prints.
    private static string WithoutScheme(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url[8..]
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? url[7..]
        : url;

    private static void Field(StringBuilder entry, string name, string value) =>
        entry.Append("  ").Append(name).Append(" = {").Append(value).Append("},\n");

    /// <summary>Escapes what TeX reads as commands or groups, so a title with "&amp;" or "50%" prints as written.</summary>
    private static string BibTexText(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' => @"\{",
                '}' => @"\}",
                '&' => @"\&",
                '%' => @"\%",
                '$' => @"\$",
                '#' => @"\#",
                '_' => @"\_",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                '\r' or '\n' or '\t' => " ",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // biblatex reads a url field verbatim ("#passage-3" stays as it is); only braces and backslashes, which
    // would end or break the field, are percent-encoded. Permalinks never hold them; this is for safety.
    private static string BibTexUrl(string url) =>
        url.Replace("\\", "%5C", StringComparison.Ordinal).Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);

    private static void RisLine(StringBuilder record, string tag, string value)
    {
        var single = string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        record.Append(tag).Append("  - ").Append(single).Append("\r\n");
    }

    private static void WriteDateParts(Utf8JsonWriter json, string name, ReportedDate date)
    {
        json.WriteStartObject(name);
        json.WriteStartArray("date-parts");
        json.WriteStartArray();
        json.WriteNumberValue(date.Date.Year);
        if (date.Precision != DatePrecision.Year)
        {
            json.WriteNumberValue(date.Date.Month);
        }

        if (date.Precision == DatePrecision.Day)
        {
            json.WriteNumberValue(date.Date.Day);
        }

        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Builds the plain text and the HTML of a citation together, so the two cannot say different things.</summary>
    private sealed class Runs
    {
        private readonly StringBuilder _text = new();
        private readonly StringBuilder _html = new();

        public Runs Plain(string value)
        {
            _text.Append(value);
            _html.Append(HtmlEncoder.Default.Encode(value));
            return this;
        }

        public Runs Italic(string value)
        {
            _text.Append(value);
            _html.Append("<i>").Append(HtmlEncoder.Default.Encode(value)).Append("</i>");
            return this;
        }

        public FormattedCitation Build(string style) => new(style, _text.ToString(), _html.ToString());
    }
}
