using System.Globalization;
using System.Text;

namespace FactCheck.Web.Features.Citations;

/// <summary>One downloadable citation format: its file extension, media type and writer.</summary>
public sealed record CitationFileFormat(string Extension, string Label, string ContentType, Func<CitedWork, DateOnly, string> Write)
{
    public byte[] Bytes(CitedWork work, DateOnly accessed) => Encoding.UTF8.GetBytes(Write(work, accessed));

    public string FileName(CitedWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Key + "." + Extension;
    }
}

/// <summary>The download formats and their addresses, in one place for the endpoints and the "Cite this" box.</summary>
public static class CitationFiles
{
    public static readonly CitationFileFormat BibTex = new("bib", "BibTeX", "application/x-bibtex; charset=utf-8", CitationFormatter.ToBibTex);

    public static readonly CitationFileFormat Ris = new("ris", "RIS", "application/x-research-info-systems; charset=utf-8", CitationFormatter.ToRis);

    public static readonly CitationFileFormat CslJson = new("json", "CSL-JSON", "application/vnd.citationstyles.csl+json", CitationFormatter.ToCslJson);

    public static IReadOnlyList<CitationFileFormat> All { get; } = [BibTex, Ris, CslJson];

    /// <summary>/claims/{id}/cite.bib: beside the claim page, so the output cache keeps and evicts it with the claim.</summary>
    public static string ClaimPath(int claimId, CitationFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return string.Create(CultureInfo.InvariantCulture, $"/claims/{claimId}/cite.{format.Extension}");
    }

    /// <summary>/sources/{id}/cite.bib for the document, /sources/{id}/passages/{pid}/cite.bib for one passage.</summary>
    public static string DocumentPath(int sourceId, int? passageId, CitationFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return passageId is { } pid
            ? string.Create(CultureInfo.InvariantCulture, $"/sources/{sourceId}/passages/{pid}/cite.{format.Extension}")
            : string.Create(CultureInfo.InvariantCulture, $"/sources/{sourceId}/cite.{format.Extension}");
    }
}
