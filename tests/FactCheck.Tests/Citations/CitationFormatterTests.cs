using FactCheck.Data.Entities;
using FactCheck.Data.Verdicts;
using FactCheck.Web.Features.Citations;
using FactCheck.Web.Site;

namespace FactCheck.Tests.Citations;

/// <summary>
/// Every style and file format against text written out by hand from the style guides, for the seed Balki claim
/// (Misleading, by Polygraph.info, published December 2021) read on 30 November 2026 at version 3 of its page,
/// whose permalink every style gives.
/// </summary>
public class CitationFormatterTests
{
    private const string Url = "https://factcheck.example/claims/12/balki-amnesty/v/3";
    private const string Title = "Abdul Qahar Balki: The Taliban are fully enforcing their amnesty, and former government staff are not being harassed";

    private static readonly DateOnly Accessed = new(2026, 11, 30);
    private static readonly SiteSettings Site = new("FactCheck", null);

    private static CitedWork Balki(ClaimVerdictData? verdict = null) => CitedWorks.Claim(
        new ClaimCitationData(
            12,
            "balki-amnesty",
            "The Taliban are fully enforcing their amnesty, and former government staff are not being harassed.",
            "Abdul Qahar Balki",
            verdict ?? new ClaimVerdictData(Rating.Misleading, "Polygraph.info", ShownDate.Of(ReportedDate.Month(2021, 12), ReportedDate.Month(2021, 12))),
            Version: 3),
        Site,
        "https://factcheck.example");

    [Fact]
    public void Apa_cites_the_page_by_the_site_dated_by_the_verdict_and_retrieved_today()
    {
        var apa = CitationFormatter.FormatApa(Balki(), Accessed);

        Assert.Equal($"FactCheck. (2021, December). {Title}. Retrieved November 30, 2026, from {Url}", apa.Text);
        Assert.Contains($"<i>{Title}</i>. Retrieved", apa.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Mla_starts_with_the_title_in_title_case_and_names_the_site_in_italics()
    {
        var mla = CitationFormatter.FormatMla(Balki(), Accessed);

        Assert.Equal(
            "“Abdul Qahar Balki: The Taliban Are Fully Enforcing Their Amnesty, and Former Government Staff Are Not Being Harassed.” "
            + "FactCheck, Dec. 2021, factcheck.example/claims/12/balki-amnesty/v/3. Accessed 30 Nov. 2026.",
            mla.Text);
        Assert.Contains("<i>FactCheck</i>, Dec. 2021", mla.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Chicago_is_the_bibliography_entry_without_an_accessed_date_when_the_page_has_one()
    {
        var chicago = CitationFormatter.FormatChicago(Balki(), Accessed);

        Assert.Equal(
            "FactCheck. “Abdul Qahar Balki: The Taliban Are Fully Enforcing Their Amnesty, and Former Government Staff Are Not Being Harassed.” "
            + $"December 2021. {Url}.",
            chicago.Text);
    }

    [Fact]
    public void BibTex_is_a_misc_entry_with_the_group_author_and_title_braced()
    {
        Assert.Equal(
            "@misc{factcheck-claim-12,\n"
            + "  author = {{FactCheck}},\n"
            + $"  title = {{{{{Title}}}}},\n"
            + "  howpublished = {FactCheck},\n"
            + "  year = {2021},\n"
            + "  month = dec,\n"
            + $"  url = {{{Url}}},\n"
            + "  urldate = {2026-11-30},\n"
            + "}\n",
            CitationFormatter.ToBibTex(Balki(), Accessed));
    }

    [Fact]
    public void Ris_is_an_elec_record_in_crlf_lines()
    {
        Assert.Equal(
            "TY  - ELEC\r\n"
            + "AU  - FactCheck\r\n"
            + $"TI  - {Title}\r\n"
            + "PB  - FactCheck\r\n"
            + "PY  - 2021\r\n"
            + "DA  - 2021/12//\r\n"
            + $"UR  - {Url}\r\n"
            + "Y2  - 2026/11/30/\r\n"
            + "ER  - \r\n",
            CitationFormatter.ToRis(Balki(), Accessed));
    }

    [Fact]
    public void Csl_json_is_one_webpage_item_with_dates_to_their_precision()
    {
        Assert.Equal(
            "[{\"id\":\"factcheck-claim-12\",\"type\":\"webpage\",\"title\":\"" + Title + "\","
            + "\"author\":[{\"literal\":\"FactCheck\"}],\"container-title\":\"FactCheck\",\"publisher\":\"FactCheck\","
            + "\"issued\":{\"date-parts\":[[2021,12]]},\"accessed\":{\"date-parts\":[[2026,11,30]]},"
            + "\"URL\":\"" + Url + "\"}]",
            CitationFormatter.ToCslJson(Balki(), Accessed));
    }

    [Fact]
    public void A_claim_under_review_has_no_date_and_every_style_says_when_it_was_read()
    {
        var work = CitedWorks.Claim(new ClaimCitationData(3, "s", "Something was said.", "Someone", null), Site, "https://factcheck.example");

        Assert.StartsWith("FactCheck. (n.d.). ", CitationFormatter.FormatApa(work, Accessed).Text, StringComparison.Ordinal);
        Assert.EndsWith("factcheck.example/claims/3/s. Accessed 30 Nov. 2026.", CitationFormatter.FormatMla(work, Accessed).Text, StringComparison.Ordinal);
        Assert.Equal(
            "FactCheck. “Someone: Something Was Said.” Accessed November 30, 2026. https://factcheck.example/claims/3/s.",
            CitationFormatter.FormatChicago(work, Accessed).Text);
        Assert.DoesNotContain("PY  - ", CitationFormatter.ToRis(work, Accessed), StringComparison.Ordinal);
        Assert.DoesNotContain("issued", CitationFormatter.ToCslJson(work, Accessed), StringComparison.Ordinal);
    }

    [Fact]
    public void A_passage_is_cited_as_its_publisher_published_the_document_at_its_permalink()
    {
        var document = new DocumentCitationData(3, "taliban-offers-amnesty", "Taliban Offers ‘Amnesty’ to U.S.-Backed Afghan Forces Who ‘Leave Enemy Ranks’", null, "Breitbart News", ReportedDate.Month(2018, 5));
        var work = CitedWorks.Document(document, Site, "https://factcheck.example", passageId: 7);
        const string Permalink = "https://factcheck.example/sources/3/taliban-offers-amnesty#passage-7";

        Assert.Equal("factcheck-source-3-passage-7", work.Key);
        Assert.Equal(
            $"Breitbart News. (2018, May). Taliban Offers ‘Amnesty’ to U.S.-Backed Afghan Forces Who ‘Leave Enemy Ranks’. {Permalink}",
            CitationFormatter.FormatApa(work, Accessed).Text);
        Assert.Equal(
            "“Taliban Offers ‘Amnesty’ to U.S.-Backed Afghan Forces Who ‘Leave Enemy Ranks.’” Breitbart News, May 2018, "
            + "factcheck.example/sources/3/taliban-offers-amnesty#passage-7.",
            CitationFormatter.FormatMla(work, Accessed).Text);
        Assert.Equal(
            $"Breitbart News. “Taliban Offers ‘Amnesty’ to U.S.-Backed Afghan Forces Who ‘Leave Enemy Ranks.’” May 2018. {Permalink}.",
            CitationFormatter.FormatChicago(work, Accessed).Text);
    }

    [Fact]
    public void A_named_author_comes_first_and_the_publisher_follows_as_the_site()
    {
        var document = new DocumentCitationData(4, "report", "A report on things", "Jane Doe", "Human Rights Watch", ReportedDate.Day(2021, 11, 30));
        var work = CitedWorks.Document(document, Site, "https://factcheck.example");

        Assert.Equal("Jane Doe. (2021, November 30). A report on things. Human Rights Watch. https://factcheck.example/sources/4/report", CitationFormatter.FormatApa(work, Accessed).Text);
        Assert.Equal("Jane Doe. “A Report on Things.” Human Rights Watch, 30 Nov. 2021, factcheck.example/sources/4/report.", CitationFormatter.FormatMla(work, Accessed).Text);
        Assert.Equal("Jane Doe. “A Report on Things.” Human Rights Watch, November 30, 2021. https://factcheck.example/sources/4/report.", CitationFormatter.FormatChicago(work, Accessed).Text);
        Assert.Contains("  author = {Jane Doe},\n", CitationFormatter.ToBibTex(work, Accessed), StringComparison.Ordinal);
    }

    [Fact]
    public void BibTex_escapes_what_tex_would_read_as_commands()
    {
        var work = Balki() with { Title = @"50% of {them} & $5_000 #1 ~ ^ \o/" };

        var bib = CitationFormatter.ToBibTex(work, Accessed);

        Assert.Contains(@"  title = {{50\% of \{them\} \& \$5\_000 \#1 \textasciitilde{} \textasciicircum{} \textbackslash{}o/}},", bib, StringComparison.Ordinal);
        Assert.Equal(bib.Count(c => c == '{') - Escaped(bib, '{'), bib.Count(c => c == '}') - Escaped(bib, '}'));
    }

    [Fact]
    public void Ris_values_cannot_start_a_line_of_their_own()
    {
        var ris = CitationFormatter.ToRis(Balki() with { Title = "Line one\r\nER  - injected" }, Accessed);

        Assert.Contains("TI  - Line one ER  - injected\r\n", ris, StringComparison.Ordinal);
        Assert.Single(ris.Split("\r\n"), line => line.StartsWith("ER  -", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_is_encoded_so_a_title_cannot_add_markup()
    {
        var apa = CitationFormatter.FormatApa(Balki() with { Title = "<script>alert(1)</script>" }, Accessed);

        Assert.DoesNotContain("<script>", apa.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", apa.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("taliban pledge not to target afghan army, police", "Taliban Pledge Not to Target Afghan Army, Police")]
    [InlineData("the fight for the capital: a report on it", "The Fight for the Capital: A Report on It")]
    [InlineData("U.S.-Backed forces and iPhone users", "U.S.-Backed Forces and iPhone Users")]
    public void Title_case_capitalises_lower_case_words_only(string title, string expected) =>
        Assert.Equal(expected, CitationFormatter.TitleCase(title));

    private static int Escaped(string text, char brace) => text.Split("\\" + brace).Length - 1;
}
